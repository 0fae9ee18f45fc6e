"""Operator tools run from the Makefile: make smoke, make loadtest, the Chromium check of make test."""
