"""?format=json or ?format=csv; any other value, or an empty one, is a 404 (as DRF answers an unknown format)."""

from rest_framework.exceptions import NotFound
from rest_framework.negotiation import DefaultContentNegotiation


class FormatNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        asked = request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if asked is not None and asked not in {renderer.format for renderer in renderers}:
            raise NotFound(f"Kies ?format=json of ?format=csv; ‘{asked[:20]}’ kent de API niet.")
        return super().select_renderer(request, renderers, format_suffix)
