"""Which HTTP methods a page answers: HEAD wherever GET is, 405 for every method a page has no use for.

A function view answers any method it is sent unless it says otherwise, and
Django's require_GET refuses HEAD, which monitors and load balancers send. Every
function view takes one of these (tests/architecture/test_http_methods.py walks
the URLs and holds it). The CSRF check still comes first: an unsafe request
without the token is a 403 before it reaches the method check.
"""

from django.views.decorators.http import require_http_methods, require_safe

# A page that only shows: GET and HEAD; POST, PUT, PATCH, DELETE and OPTIONS get 405.
read_only_page = require_safe

# A page that shows a form and takes its post: GET, HEAD and POST.
form_page = require_http_methods(["GET", "HEAD", "POST"])

# A health check: GET and HEAD, and OPTIONS, which some load balancers probe with.
probe = require_http_methods(["GET", "HEAD", "OPTIONS"])
