"""The one pagination helper of every list (templates/fragments/pagination.html renders the page)."""

from django.core.paginator import Page, Paginator

PAGE_SIZE = 25


def paginate(request, items, per_page: int = PAGE_SIZE) -> Page:
    """The page named by `?page=` (the last page for a number too high, the first for nonsense)."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
