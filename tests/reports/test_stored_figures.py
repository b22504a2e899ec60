"""The whole team's stored figures (reports/figures.py): used only while they equal a fresh count.

These tests commit (transaction=True), as the web workers and the task worker do: a stored
snapshot is compared with the transactions that wrote to the counted tables after it. Every write
path -- ORM, bulk, raw SQL, history restore, Art. 18 restriction, erasure by retention, TRUNCATE --
must make the next page count afresh; without the triggers of migration reports/0003 each of
these tests would show the old figures.
"""

import datetime

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.models import Case, Client, Contact
from privacy.retention import anonymise_clients
from privacy.services import set_restriction
from reports import figures as stored_figures
from reports.models import FiguresChange, FiguresSnapshot, YearlyReportJob
from reports.statistics import Period, Scope, compute
from reports.tasks import make_yearly_report, refresh_figures

from .conftest import read_tables
from .test_statistics import CASEWORKER, TEAM, URL, YEAR_2025

pytestmark = pytest.mark.django_db(transaction=True)

D = datetime.date
YEAR = Period.year(2025)


def rows(sections):
    return {table.key: table.rows for section in sections for table in section.tables}


def counted(client, user):
    client.force_login(user)
    response = client.get(URL, YEAR_2025)
    assert response.status_code == 200
    return response


def test_the_second_visit_shows_the_stored_figures_with_their_time_and_the_same_numbers(client, known, teamlead):
    with CaptureQueriesContext(connection) as counting_queries:
        first = counted(client, teamlead)
    assert "Stand: soeben gezählt." in first.content.decode()
    with CaptureQueriesContext(connection) as stored_queries:
        second = counted(client, teamlead)
    html = second.content.decode()
    assert "Stand: gezählt am" in html
    assert second.context["counted_at"] is not None
    assert read_tables(html) == TEAM
    assert len(stored_queries) < len(counting_queries)


def test_stored_figures_keep_every_value_and_type(known, teamlead):
    scope = Scope(user=teamlead, period=YEAR)
    fresh = stored_figures.count_and_store(scope)
    kept, counted_at = stored_figures.figures(scope)
    assert counted_at is not None
    assert rows(kept) == rows(fresh)
    assert [(t.key, t.title, t.header, t.counts, t.chart, t.note) for s in kept for t in s.tables] == [
        (t.key, t.title, t.header, t.counts, t.chart, t.note) for s in fresh for t in s.tables
    ]
    assert [type(v) for s in kept for t in s.tables for _l, vs in t.rows for v in vs] == [
        type(v) for s in fresh for t in s.tables for _l, vs in t.rows for v in vs
    ]


def _orm(known, users):
    Contact.objects.create(
        client=known["a"],
        author=users["caseworker"],
        date=D(2025, 8, 1),
        channel="video",
        duration_minutes=20,
        topics=["health"],
    )


def _bulk(known, users):
    Contact.objects.bulk_create(
        Contact(
            client=known["f"],
            author=users["caseworker"],
            date=D(2025, 9, day),
            channel="email",
            duration_minutes=5,
            topics=[],
        )
        for day in (1, 2)
    )


def _update(known, users):
    Client.objects.filter(pk=known["a"].pk).update(gender="diverse")


def _raw_sql(known, users):
    with connection.cursor() as cursor:
        cursor.execute("UPDATE cases_case SET opened_on = %s WHERE client_id = %s", [D(2026, 2, 1), known["f"].pk])


def _history_restore(known, users):
    person = Client.objects.get(pk=known["b"].pk)
    old_gender = person.gender
    person.gender = "diverse"
    person.save()
    stored_figures.count_and_store(Scope(user=users["teamlead"], period=YEAR))  # stored with "divers"
    restored = person.history.filter(gender=old_gender).order_by("history_date").last().instance
    restored._state.adding = False  # simple_history's revert: the old version saved over the current one
    restored.save()


def _restriction(known, users):
    set_restriction(client=known["c"], user=users["administrator"], restricted=True)


def _erasure(known, users):
    with transaction.atomic():
        anonymise_clients([known["f"].pk])


def _delete(known, users):
    Case.objects.filter(client=known["c"]).delete()


def _truncate(known, users):
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE cases_contact")


@pytest.mark.parametrize(
    "write", [_orm, _bulk, _update, _raw_sql, _history_restore, _restriction, _erasure, _delete, _truncate]
)
def test_every_write_path_makes_the_next_visit_count_afresh(write, client, known, teamlead, caseworker, administrator):
    scope = Scope(user=teamlead, period=YEAR)
    stored_figures.count_and_store(scope)
    assert stored_figures.figures(scope)[1] is not None  # stored and still right
    write(known, {"teamlead": teamlead, "caseworker": caseworker, "administrator": administrator})
    fresh = rows(compute(scope))
    assert fresh != rows(stored_figures.decode(FiguresSnapshot.objects.get().tables))  # a figure changed ...
    shown, counted_at = stored_figures.figures(scope)
    assert counted_at is None  # ... so the stored one was not used
    assert rows(shown) == fresh
    assert stored_figures.figures(scope)[1] is not None  # and the fresh count is stored again


def test_a_restricted_person_is_counted_by_nobody_not_even_the_administration(known, administrator, teamlead):
    set_restriction(client=known["a"], user=administrator, restricted=True)
    for user in (administrator, teamlead):
        people = rows(compute(Scope(user=user, period=YEAR)))["people"]
        assert dict(people)["begleitet im Zeitraum"] == [3]


def test_figures_counted_on_another_day_are_counted_again(known, teamlead):
    scope = Scope(user=teamlead, period=YEAR)
    stored_figures.count_and_store(scope)
    FiguresSnapshot.objects.update(computed_on=timezone.localdate() - datetime.timedelta(days=1))
    assert stored_figures.figures(scope)[1] is None  # "overdue" follow-ups depend on the day


def test_the_worker_refreshes_out_of_date_years_and_forgets_old_changes(known, teamlead):
    this_year = timezone.localdate().year
    assert refresh_figures(timestamp=0) == 2
    assert set(FiguresSnapshot.objects.values_list("first__year", flat=True)) == {this_year, this_year - 1}
    assert refresh_figures(timestamp=0) == 0  # nothing changed
    assert not FiguresChange.objects.exists()  # every noted change is older than the snapshots
    Contact.objects.filter(client=known["a"]).delete()
    assert FiguresChange.objects.count() == 1
    assert refresh_figures(timestamp=0) == 2


class Context:
    class job:
        attempts = 0


def test_the_yearly_report_uses_figures_only_while_they_are_right(known, teamlead):
    scope = Scope(user=teamlead, period=YEAR)
    stored_figures.count_and_store(scope)
    FiguresSnapshot.objects.update(tables=[])  # a stored result the report would show if used
    Client.objects.filter(pk=known["a"].pk).update(gender="diverse")
    job = YearlyReportJob.objects.create(year=2025, requested_by=teamlead)
    make_yearly_report.func(Context, job_id=job.pk)
    job.refresh_from_db()
    assert job.status == YearlyReportJob.Status.DONE
    assert b"divers" in bytes(job.xlsx) or job.xlsx  # counted afresh: the tables are there
    assert FiguresSnapshot.objects.get().tables != []


def test_after_a_change_the_page_shows_recent_figures_with_their_time_and_can_count_afresh(
    client, known, teamlead, settings
):
    settings.WIR_FIGURES_RECENT_MINUTES = 20
    counted(client, teamlead)  # counted and stored
    Client.objects.filter(pk=known["a"].pk).update(gender="diverse")
    page = counted(client, teamlead)
    html = page.content.decode()
    assert page.context["changed_since"] and page.context["counted_at"] is not None
    assert "Seitdem wurden gezählte Daten geändert" in html
    assert read_tables(html) == TEAM  # the figures as counted, said to be from before the change
    recount = client.get(URL, {**YEAR_2025, "neu": "1"})
    assert "neu=1" in html and 'href="?' in html
    assert "Stand: soeben gezählt." in recount.content.decode()
    assert read_tables(recount.content.decode()) != TEAM  # the change counted
    assert "Stand: gezählt am" in counted(client, teamlead).content.decode()  # and stored again


def test_figures_older_than_the_recent_window_are_not_shown_after_a_change(client, known, teamlead, settings):
    settings.WIR_FIGURES_RECENT_MINUTES = 20
    counted(client, teamlead)
    Client.objects.filter(pk=known["a"].pk).update(gender="diverse")
    FiguresSnapshot.objects.update(computed_at=timezone.now() - datetime.timedelta(minutes=21))
    page = counted(client, teamlead)
    assert not page.context["changed_since"] and page.context["counted_at"] is None
    assert read_tables(page.content.decode()) != TEAM
    settings.WIR_FIGURES_RECENT_MINUTES = 0  # an installation that wants exact figures only
    Client.objects.filter(pk=known["a"].pk).update(gender="female")
    assert counted(client, teamlead).context["counted_at"] is None


def test_the_worker_also_counts_again_a_quarter_someone_looked_at_today(known, teamlead):
    quarter = Scope(user=teamlead, period=Period(D(2025, 7, 1), D(2025, 9, 30), "Q3 2025"))
    stored_figures.count_and_store(quarter)
    Contact.objects.filter(client=known["a"]).delete()
    assert stored_figures.stored(quarter) is None
    refresh_figures(timestamp=0)
    assert stored_figures.stored(quarter) is not None


def test_a_caseworkers_own_figures_are_stored_for_them_alone(client, known, caseworker, colleague, teamlead):
    assert "Stand: soeben gezählt." in counted(client, caseworker).content.decode()
    again = counted(client, caseworker)
    assert "Stand: gezählt am" in again.content.decode()
    assert read_tables(again.content.decode()) == CASEWORKER
    theirs = counted(client, colleague)  # never the caseworker's stored figures
    assert "Stand: soeben gezählt." in theirs.content.decode()
    assert read_tables(theirs.content.decode())["people"]["begleitet im Zeitraum"] == ["1"]
    client.force_login(teamlead)  # narrowed to the colleague: stored under its own key
    narrowed = [client.get(URL, {**YEAR_2025, "caseworker": colleague.pk}) for _ in range(2)]
    assert [r.context["counted_at"] is None for r in narrowed] == [True, False]
    assert read_tables(narrowed[1].content.decode())["people"]["begleitet im Zeitraum"] == ["1"]
    assert sorted(FiguresSnapshot.objects.values_list("scope", flat=True)) == sorted(
        [f"own:{caseworker.pk}", f"own:{colleague.pk}", f"team cw:{colleague.pk}"]
    )


def test_the_worker_counts_a_caseworkers_viewed_figures_again_after_a_change(known, caseworker):
    own = Scope(user=caseworker, period=YEAR)
    stored_figures.count_and_store(own)
    Client.objects.filter(pk=known["a"].pk).update(gender="diverse")
    assert stored_figures.stored(own) is None
    refresh_figures(timestamp=0)
    assert rows(stored_figures.stored(own)[0]) == rows(compute(own))


def test_figures_viewed_yesterday_are_ready_again_before_the_first_visit_of_the_day(known, caseworker):
    own = Scope(user=caseworker, period=YEAR)
    stored_figures.count_and_store(own)
    FiguresSnapshot.objects.update(computed_on=timezone.localdate() - datetime.timedelta(days=1))
    assert stored_figures.stored(own) is None  # counted for another day
    refresh_figures(timestamp=0)
    assert stored_figures.stored(own) is not None
    FiguresSnapshot.objects.filter(scope=f"own:{caseworker.pk}").update(
        computed_on=timezone.localdate() - datetime.timedelta(days=2)
    )
    refresh_figures(timestamp=0)  # not looked at for two days: left alone
    assert stored_figures.stored(own) is None
