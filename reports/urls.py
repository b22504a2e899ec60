from django.urls import include, path

from . import views

# The dashboard at `/` keeps its name "home"; everything else of the app is under /reports/
# with the namespace "reports".
reports_patterns = [
    path("", views.statistics, name="statistics"),
    path("yearly/", views.yearly_report, name="yearly_report"),
    path("yearly/create/", views.yearly_report_create, name="yearly_report_create"),
    path("yearly/<int:pk>/", views.yearly_report_job, name="yearly_report_job"),
    path("yearly/<int:pk>/<str:kind>/", views.yearly_report_download, name="yearly_report_download"),
    path("worklists/", views.worklist_index, name="worklists"),
    path("worklists/<slug:kind>/", views.worklist, name="worklist"),
    path(
        "worklists/but/<uuid:child_id>/<str:category>/",
        views.worklist_start_but,
        name="worklist_start_but",
    ),
    path("worklists/measure/<int:pk>/end/", views.worklist_end_measure, name="worklist_end_measure"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("reports/", include((reports_patterns, "reports"))),
]
