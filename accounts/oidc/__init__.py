"""Sign-in with the city's account over OpenID Connect (mozilla-django-oidc): backend, views, re-check."""
