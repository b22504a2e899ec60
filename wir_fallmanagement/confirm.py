"""No one-tap loss: a hard-to-reverse action asks once more, on a page that works without
JavaScript. The first POST (from a one-tap button or a small form) gets the confirmation page,
which sends the same fields again with `confirmed=1`; only that second POST acts.

    if not confirm.confirmed(request):
        return confirm.page(request, title=..., question=..., action=..., back_url=...)
"""

from django.shortcuts import render

FIELD = "confirmed"
NOT_REPEATED = {"csrfmiddlewaretoken", FIELD}


def confirmed(request) -> bool:
    return request.POST.get(FIELD) == "1"


def page(request, *, title, question, action, back_url, details=(), danger=True, base_template="base.html"):
    """The confirmation page: `question` as the heading, `details` as the consequences, a
    button labelled `action` that repeats the POST and a link back."""
    fields = [
        (name, value) for name in request.POST if name not in NOT_REPEATED for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "confirm.html",
        {
            "title": title,
            "question": question,
            "details": details,
            "action": action,
            "fields": fields,
            "back_url": back_url,
            "danger": danger,
            "base_template": base_template,
        },
    )
