"""Pages of a list: ?page=N&page_size=M (up to 1.000 rows), with the total and links in headers too.

Every list has a fixed ordering that ends in a unique key, so a page holds the
same rows whichever way it is asked (JSON or CSV) as long as the data stays.
The `Link` header (RFC 8288) and `X-Total-Count` let CSV clients page as well.
"""

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 1000


class Pages(PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    page_query_description = "Paginanummer, vanaf 1 / Page number, from 1"
    page_size_query_description = (
        f"Rijen per pagina, 1 tot en met {MAX_PAGE_SIZE} (standaard 100) / Rows per page, 1 to {MAX_PAGE_SIZE} "
        "(default 100)"
    )
    invalid_page_message = "Deze pagina bestaat niet; de eerste pagina is 1."

    def get_page_size(self, request):
        """Return the asked page size; anything but a whole number from 1 to MAX_PAGE_SIZE is a Dutch 400."""
        text = request.query_params.get(self.page_size_query_param)
        if text is None:
            return self.page_size
        if not (text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_PAGE_SIZE):
            message = f"Kies van 1 tot en met {MAX_PAGE_SIZE} rijen per pagina; ‘{text[:20]}’ is dat niet."
            raise ValidationError({self.page_size_query_param: [message]})
        return int(text)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = MAX_PAGE_SIZE
        return parameters

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (("next", self.get_next_link()), ("prev", self.get_previous_link()))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        response["X-Total-Count"] = str(self.page.paginator.count)
        return response

    def get_paginated_response_schema(self, schema):
        paged = super().get_paginated_response_schema(schema)
        paged["properties"]["count"]["description"] = "Aantal rijen in totaal / Number of rows in all pages"
        paged["properties"]["next"]["description"] = "Adres van de volgende pagina / Address of the next page"
        paged["properties"]["previous"]["description"] = "Adres van de vorige pagina / Address of the previous page"
        paged["properties"]["results"]["description"] = "De rijen van deze pagina / The rows of this page"
        return paged
