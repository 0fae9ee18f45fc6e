"""`{% page_part "content" %}…{% endpage_part %}`: hands a rendered block of base.html to the page cache.

It renders what it wraps as usual; when the request is one that page_cache.cached_page
may keep, it also records the HTML under the part's name.
"""

from django import template

from nprz_dashboard.page_cache import COLLECTOR

register = template.Library()


class PagePartNode(template.Node):
    def __init__(self, name: str, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        html = self.nodelist.render(context)
        collected = getattr(getattr(context, "request", None), COLLECTOR, None)
        if collected is not None:
            collected[self.name] = html
        return html


@register.tag
def page_part(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('page_part takes one quoted name: {% page_part "content" %}')
    nodelist = parser.parse(("endpage_part",))
    parser.delete_first_token()
    return PagePartNode(bits[1][1:-1], nodelist)
