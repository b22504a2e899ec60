import datetime
import re
import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchQueryField, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connection, models
from django.db.models import Exists, F, Func, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast
from django.db.models.lookups import IsNull
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from accounts.models import Role, User
from wir_fallmanagement import undo
from wir_fallmanagement.history import Entry, history_entries
from wir_fallmanagement.stale import EditVersioned

from . import search

# --------------------------------------------------------------------------------------------
# Master data
# --------------------------------------------------------------------------------------------


class Municipality(EditVersioned):
    """A municipality (Kommune, Gemeinde) of the district."""

    name = models.CharField(_("Name"), max_length=100, unique=True)
    postcodes = models.CharField(
        _("Postleitzahlen"), max_length=200, blank=True, help_text=_("Durch Komma getrennt, z. B. 64711, 64720")
    )

    history = HistoricalRecords(excluded_fields=["edit_version"])

    class Meta:
        verbose_name = _("Kommune")
        verbose_name_plural = _("Kommunen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class LanguageQuerySet(models.QuerySet):
    def in_directory(self):
        """The languages offers are translated into and the public directory can be read in
        (German, the original, is always there and not among them)."""
        return self.filter(in_directory=True).exclude(code="de")


class Language(EditVersioned):
    """A language clients, volunteers and offers may speak; ISO 639 codes."""

    code = models.CharField(
        _("Sprachcode (ISO 639)"),
        max_length=12,
        unique=True,
        validators=[
            RegexValidator(
                r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$",
                _("Bitte geben Sie einen Sprachcode nach ISO 639 an, z. B. „ar“, „prs“ oder „sr-Latn“."),
            )
        ],
    )
    name = models.CharField(_("Name (deutsch)"), max_length=100)
    native_name = models.CharField(_("Eigenbezeichnung"), max_length=100, blank=True)
    is_rtl = models.BooleanField(_("von rechts nach links"), default=False)
    in_directory = models.BooleanField(
        _("im öffentlichen Verzeichnis"),
        default=False,
        help_text=_(
            "Angebote können in diese Sprache übersetzt werden, und das öffentliche Verzeichnis lässt sich "
            "in ihr lesen."
        ),
    )

    objects = LanguageQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["edit_version"])

    class Meta:
        verbose_name = _("Sprache")
        verbose_name_plural = _("Sprachen")
        ordering = ["name"]

    def __str__(self):
        return self.name


class LanguageLevel(models.TextChoices):
    NATIVE = "native", _("Muttersprache")
    FLUENT = "fluent", _("fließend")
    GOOD = "good", _("gut")
    BASIC = "basic", _("Grundkenntnisse")


# --------------------------------------------------------------------------------------------
# Households
# --------------------------------------------------------------------------------------------

BG_NUMBER_RE = re.compile(r"^[0-9]{5}BG[0-9]{7}$")


def normalise_bg_number(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def validate_bg_number(value: str) -> None:
    if not BG_NUMBER_RE.match(normalise_bg_number(value)):
        raise ValidationError(
            _("Die BG-Nummer besteht aus 5 Ziffern, „BG“ und 7 Ziffern, z. B. 06431BG0012345."),
            code="invalid_bg_number",
        )


class HouseholdQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Administrators all households; team leads those with a member they see (or none at all:
        a household whose only members are restricted, Art. 18, is the administration's); a
        caseworker those with a client of theirs."""
        if user.is_admin_role:
            return self
        if user.sees_all_cases:
            members = Client.objects.filter(household=OuterRef("pk"))
            return self.filter(Exists(members.unrestricted()) | ~Exists(members))
        if not user.is_caseworker:
            return self.none()
        return self.filter(Exists(Client.objects.visible_to(user).filter(household=OuterRef("pk"))))

    def joinable_by(self, user):
        """The households `user` may put a client into (`Household.may_be_joined_by`, for many at once)."""
        return self if user.sees_all_cases else self.visible_to(user)


class Household(EditVersioned):
    """Bedarfsgemeinschaft (BG): the SGB II household whose benefits are computed together."""

    bg_number = models.CharField(
        _("BG-Nummer"),
        max_length=14,
        unique=True,
        validators=[validate_bg_number],
        help_text=_("5 Ziffern, „BG“, 7 Ziffern – z. B. 06431BG0012345; Leerzeichen sind erlaubt."),
        error_messages={"unique": _("Diese BG-Nummer ist bereits vergeben.")},
    )
    note = models.TextField(_("Notiz"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    objects = HouseholdQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["edit_version"])

    class Meta:
        verbose_name = _("Bedarfsgemeinschaft")
        verbose_name_plural = _("Bedarfsgemeinschaften")
        ordering = ["bg_number"]
        constraints = [
            models.CheckConstraint(condition=Q(bg_number__regex=r"^[0-9]{5}BG[0-9]{7}$"), name="household_bg_format"),
        ]

    def __str__(self):
        return self.bg_number

    def save(self, *args, **kwargs):
        self.bg_number = normalise_bg_number(self.bg_number)
        super().save(*args, **kwargs)

    def members_for(self, user, *, exclude=None) -> list[tuple["Client", bool]]:
        """(member, may `user` open their page) for every member `user` may see — their own
        clients and the household's dependants without a case of their own — youngest last.
        Members who are clients of colleagues are left out entirely (not even counted)."""
        may_open = Exists(Client.objects.visible_to(user).filter(pk=OuterRef("pk")))
        members = self.members.visible_with_dependants(user).annotate(may_open=may_open).order_by("birth_year", "pk")
        if exclude is not None:
            members = members.exclude(pk=exclude.pk)
        return [(member, member.may_open) for member in members]  # one query

    def may_be_joined_by(self, user, *, member=None) -> bool:
        """May `user` put a client into this household? Team leads and administrators always;
        a caseworker only if one of the household's members is their client (or `member` is
        already in it). Anything else must look exactly like an unusable number."""
        if user.sees_all_cases:
            return True
        if member is not None and member.household_id == self.pk:
            return True
        return Household.objects.joinable_by(user).filter(pk=self.pk).exists()


BG_NUMBER_UNAVAILABLE = _(
    "Diese BG-Nummer kann hier nicht eingetragen werden. Bitte prüfen Sie die Nummer; "
    "gehört die Person zu einer Bedarfsgemeinschaft, die Kolleg:innen betreuen, ordnet die Teamleitung sie zu."
)


# --------------------------------------------------------------------------------------------
# Clients
# --------------------------------------------------------------------------------------------


class Gender(models.TextChoices):
    FEMALE = "female", _("weiblich")
    MALE = "male", _("männlich")
    DIVERSE = "diverse", _("divers")
    NOT_STATED = "not_stated", _("keine Angabe")


class ResidenceStatus(models.TextChoices):
    PERMIT = "permit", _("Aufenthaltserlaubnis")
    TEMPORARY_PROTECTION = "s24", _("Aufenthaltserlaubnis nach § 24 AufenthG (vorübergehender Schutz)")
    SETTLEMENT = "settlement", _("Niederlassungserlaubnis")
    PERMISSION = "gestattung", _("Aufenthaltsgestattung")
    TOLERATION = "duldung", _("Duldung")
    EU = "eu", _("EU-Freizügigkeit")
    GERMAN = "german", _("deutsche Staatsangehörigkeit")
    OTHER = "other", _("sonstiger / ungeklärt")


class HouseholdRelation(models.TextChoices):
    HEAD = "head", _("Antragsteller:in")
    PARTNER = "partner", _("Partner:in")
    CHILD = "child", _("Kind")
    PARENT = "parent", _("Elternteil")
    SIBLING = "sibling", _("Geschwister")
    OTHER = "other", _("sonstige Angehörige")


class ArrayHas(Func):
    """`value = ANY(array)`: checked on the row only. (`array @> ARRAY[value]` may use the GIN index
    client_search_terms_cw, which a list in name order should not: PostgreSQL then collects all of a
    caseworker's people and sorts them, where walking the list's index stops after one page.)"""

    output_field = models.BooleanField()

    def __init__(self, array, value):
        super().__init__(array, Value(value))

    def as_sql(self, compiler, connection, **extra_context):
        array_sql, array_params = compiler.compile(self.source_expressions[0])
        value_sql, value_params = compiler.compile(self.source_expressions[1])
        return f"{value_sql} = ANY({array_sql})", [*value_params, *array_params]


class ClientQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Team leads and administrators see all clients; a caseworker the clients of their
        own cases; volunteers and KJC clerks none (their portals have their own rules). A person
        whose processing is restricted (Art. 18 GDPR) only administrators see."""
        if not user.is_authenticated:
            return self.none()
        if user.is_admin_role:
            return self
        if user.sees_all_cases:
            return self.unrestricted()
        if user.is_caseworker:
            # The case check decides; the row's own copy of its caseworkers (trigger-kept) lets
            # PostgreSQL drop a colleague's person while reading the row, before looking for a case.
            own_case = Exists(Case.objects.filter(client=OuterRef("pk"), caseworker=user))
            return self.unrestricted().filter(own_case, ArrayHas(F("caseworker_ids"), user.pk))
        return self.none()

    @staticmethod
    def seen_through_own_cases(user) -> bool:
        """Does `user` see exactly the clients of their own cases (`visible_to`'s caseworker rule)?"""
        return user.is_authenticated and not user.is_admin_role and not user.sees_all_cases and user.is_caseworker

    @staticmethod
    def of_own_cases(user, field: str) -> Q:
        """For a caseworker (`seen_through_own_cases`): the rows of another table whose `field` names
        a client visible to them — the same set as `field__in=Client.objects.visible_to(user)`, read
        from their cases (index case_caseworker_client, one hash) and the few restricted people
        (index client_restricted) instead of opening the client of every row."""
        restricted = Client.objects.filter(pk=OuterRef(field), restricted_at__isnull=False)
        return Q(**{f"{field}__in": Case.objects.filter(caseworker=user).values("client_id")}) & ~Exists(restricted)

    @staticmethod
    def of_own_cases_one_by_one(user, field: str) -> Q:
        """`of_own_cases` checked row by row (an index probe per row): for reading the first rows
        of a longer list in its order. PostgreSQL takes `of_own_cases` for a join with all the
        caseworker's cases, which is right for a whole list but reads all of them (50,000 at a
        million) to find a page's worth."""
        restricted = Client.objects.filter(pk=OuterRef(field), restricted_at__isnull=False)
        own_case = Case.objects.filter(client=OuterRef(field), caseworker=user).values("pk")[:1]
        return Q(IsNull(Subquery(own_case), False)) & ~Exists(restricted)

    def unrestricted(self):
        """Without the people whose processing is restricted (Art. 18 GDPR): every list, search,
        count, portal page and export outside the administration goes through this."""
        return self.filter(restricted_at__isnull=True)

    def current(self):
        """Without anonymised records (they stay only for the statistics)."""
        return self.filter(anonymised_at__isnull=True)

    def visible_with_dependants(self, user):
        """The clients `user` may see plus the members of their households who have no case of
        their own (children, usually): what household pages and BuT show."""
        if not user.is_authenticated or user.sees_all_cases or not user.is_caseworker:
            return self.visible_to(user)
        visible = Client.objects.visible_to(user)
        return self.unrestricted().filter(
            Exists(visible.filter(pk=OuterRef("pk")))
            | (
                ~Exists(Case.objects.filter(client=OuterRef("pk")))
                & Exists(visible.filter(household__isnull=False, household=OuterRef("household_id")))
            )
        )

    def probable_duplicates(
        self, user, *, given_names: str, family_name: str, birth_year: int | None, created_before=None
    ):
        """Clients whose name and year of birth resemble these (issue 10's rule): the ones `user`
        may see, to link (at most 10), and only the number of the others (colleagues' clients).
        One query; `created_before` leaves out what was created since (an import's own rows)."""
        if not birth_year:
            return [], 0
        # Not anonymised records; restricted ones (Art. 18) only for the administration
        # (probable_duplicates_many states the same rule in its SQL).
        people = self.current() if user.is_admin_role else self.current().unrestricted()
        similar = people.search(f"{given_names} {family_name}").filter(
            birth_year__in=[birth_year - 1, birth_year, birth_year + 1]
        )
        if created_before is not None:
            similar = similar.filter(created_at__lt=created_before)
        if user.sees_all_cases:
            return list(similar.order_by("family_name", "given_names", "pk")[:10]), 0
        rows = list(
            similar.annotate(is_visible=Exists(Client.objects.visible_to(user).filter(pk=OuterRef("pk"))))
            .order_by("-is_visible", "family_name", "given_names", "pk")
            .values_list("pk", "is_visible")[:200]
        )
        shown = [pk for pk, is_visible in rows if is_visible][:10]
        hidden = sum(1 for _pk, is_visible in rows if not is_visible)
        visible = (
            list(Client.objects.filter(pk__in=shown).order_by("family_name", "given_names", "pk")) if shown else []
        )
        return visible, hidden

    def probable_duplicates_many(self, user, people: list[tuple[str, str, int | None]], *, created_before=None):
        """`probable_duplicates` for many people at once, (given names, family name, year of birth)
        each: one list of (visible clients, number of hidden ones) in the same order, in a few
        queries for the whole list (an import's dry run). The names are always searched as names
        (`search` would take a name with digits for a KJC number)."""
        found: list[tuple[list, int]] = [([], 0)] * len(people)
        rows, ws, lows, highs, variants = [], [], [], [], []
        years = {}
        for index, (given_names, family_name, birth_year) in enumerate(people):
            words = search.query_words(f"{given_names} {family_name}") if birth_year else []
            if not words:
                continue
            years[index] = birth_year
            joined = search.joined_word(f"{given_names} {family_name}")
            for number, word in [*enumerate(words), *([(-1, joined)] if joined else [])]:
                rows.append(index)
                ws.append(number)
                lows.append(word.word)
                highs.append(word.word[:-1] + chr(ord(word.word[-1]) + 1))  # byte order: the prefix's end
                variants.append(word.variant)
        if not rows:
            return found
        params = {"r": rows, "w": ws, "lo": lows, "hi": highs, "v": variants, "admin": user.is_admin_role}
        params.update(yr=list(years), year=list(years.values()), before=created_before)
        # Each typed word (prefix or spelling variant) joined against the terms through their index;
        # a person is found when every word of the row matches, or the row's words written as one.
        sql = """
            WITH q AS (
                SELECT * FROM unnest(%(r)s::int[], %(w)s::int[], %(lo)s::text[], %(hi)s::text[], %(v)s::text[])
                    AS q(r, w, lo, hi, variant)
            ), need AS (
                SELECT r, count(*) FILTER (WHERE w >= 0) AS n FROM q GROUP BY r
            ), m AS (
                SELECT q.r, q.w, t.client_id FROM q JOIN cases_clientsearchterm t
                    ON t.term >= q.lo COLLATE "C" AND t.term < q.hi COLLATE "C"
                UNION
                SELECT q.r, q.w, t.client_id FROM q JOIN cases_clientsearchterm t ON t.term = q.variant
            ), hit AS (
                SELECT m.r, m.client_id FROM m JOIN need USING (r) WHERE m.w >= 0
                    GROUP BY m.r, m.client_id, need.n HAVING count(*) = need.n
                UNION
                SELECT r, client_id FROM m WHERE w < 0
            )
            SELECT hit.r, c.id
            FROM hit
            JOIN unnest(%(yr)s::int[], %(year)s::int[]) AS y(r, year) ON y.r = hit.r
            JOIN cases_client c ON c.id = hit.client_id
            WHERE c.birth_year BETWEEN y.year - 1 AND y.year + 1 AND c.anonymised_at IS NULL
                AND (%(admin)s OR c.restricted_at IS NULL)
                AND (%(before)s::timestamptz IS NULL OR c.created_at < %(before)s::timestamptz)
            ORDER BY c.family_name, c.given_names, c.id
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            hits = cursor.fetchall()
        if not hits:
            return found
        ids = {pk for _r, pk in hits}
        visible = (
            ids
            if user.sees_all_cases
            else set(Client.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
        )
        by_row: dict[int, list] = {}
        for position, (r, pk) in enumerate(hits):  # in list order: the database's collation decides
            by_row.setdefault(r, []).append((pk not in visible, position, pk))
        shown_by_row = {}
        for r, candidates in by_row.items():
            candidates.sort()  # visible first, then in list order, as probable_duplicates
            if user.sees_all_cases:
                shown_by_row[r] = ([c[2] for c in candidates[:10]], 0)
            else:
                first = candidates[:200]
                shown = [c[2] for c in first if not c[0]][:10]
                shown_by_row[r] = (shown, sum(1 for c in first if c[0]))
        clients = Client.objects.in_bulk([pk for shown, _h in shown_by_row.values() for pk in shown])
        found = list(found)
        for r, (shown, hidden) in shown_by_row.items():
            found[r] = ([clients[pk] for pk in shown], hidden)
        return found

    def search(self, query: str):
        """Everyone a search for `query` finds (any rank), unordered: for checks such as possible
        duplicates. Lists use `ranked_search`."""
        query = (query or "").strip()[:200]
        if not query:
            return self
        number = _number_condition(query)
        if number is not None:
            return self.filter(number)
        words = search.query_words(query)
        if not words:
            return self.none()
        condition = Q()
        for word in words:
            condition &= Exists(ClientSearchTerm.objects.filter(_word_condition(word), client_id=OuterRef("pk")))
        joined = search.joined_word(query)
        if joined is not None:
            condition |= Exists(ClientSearchTerm.objects.filter(_word_condition(joined), client_id=OuterRef("pk")))
        return self.filter(condition)

    def ranked_search(self, query: str, *, limit: int, restricted: bool = True, caseworker=None) -> list:
        """The ids of the first `limit` people found by `query`, best first (see cases/search.py):
        the typed word exactly, then names beginning with it, then spelling variants, then names
        containing it; within each rank in list order. Every rank is an index range scan in that
        order, so the cost depends on `limit`, not on the number of people.

        `restricted=False` when this queryset is all clients (skips the membership check).
        `caseworker`: this queryset holds only clients of their cases (`visible_to` a caseworker);
        the search terms of other people are then skipped inside the index (their `caseworker_ids`)
        before the membership check, which stays exact."""
        query = (query or "").strip()[:200]
        number = _number_condition(query)
        if number is not None:
            return list(self.filter(number).order_by(*LIST_ORDER).values_list("pk", flat=True)[:limit])
        words = search.query_words(query)
        if not words:
            return []
        if len(words) > 1:
            return self._ranked_by_all_words(words, search.joined_word(query), limit=limit, caseworker=caseworker)
        terms = ClientSearchTerm.objects.all()
        if caseworker is not None:
            terms = terms.filter(caseworker_ids__contains=[caseworker.pk])
        if restricted:
            terms = terms.filter(Exists(self.filter(pk=OuterRef("client_id"))))
        ranks = [
            terms.filter(condition)
            .annotate(rank=Value(rank))
            .order_by("term", *TERM_ORDER)
            .values_list("client_id", "rank", "term", *TERM_ORDER[:2])[:limit]
            for rank, condition in enumerate(_search_ranks(words, search.joined_word(query)))
        ]
        ranked = ranks[0].union(*ranks[1:], all=True).order_by("rank", "term", *TERM_ORDER)[: 3 * limit]
        sql, params = ranked.query.sql_with_params()
        # One statement: the ranks (our QuerySet's SQL, values passed apart) numbered in their order,
        # and, only when they found fewer than `limit` people (a one-time condition), a word of four
        # letters or more also inside longer names (trigram index), in list order, without the people
        # found already.
        statement = (
            f"WITH ranked AS MATERIALIZED ({sql})\n"  # nosec B608
            "SELECT client_id, 0, row_number() OVER (ORDER BY rank, term, family_name, given_names, client_id)"
            " FROM ranked\n"
        )
        broad = words[0]
        if len(broad.word) >= 4:
            inside, inside_params = (
                self.filter(search_document__contains=broad.word).values_list(*LIST_ORDER).query.sql_with_params()
            )
            statement += (
                "UNION ALL SELECT pk, 1, row_number() OVER (ORDER BY family_name, given_names, pk) FROM ("  # noqa: S608
                f"SELECT * FROM ({inside}) inside WHERE pk NOT IN (SELECT client_id FROM ranked)"  # nosec B608
                " ORDER BY family_name, given_names, pk LIMIT %s) broad"
                " WHERE (SELECT count(DISTINCT client_id) FROM ranked) < %s"
            )
            params = (*params, *inside_params, limit, limit)
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            rows = sorted(cursor.fetchall(), key=lambda row: (row[1], row[2]))
        return list(dict.fromkeys(pk for pk, _part, _pos in rows))[:limit]

    def _ranked_by_all_words(self, words, joined, *, limit: int, caseworker=None) -> list:
        """Several typed words: the people having a term for every word (the word, a name beginning
        with it, or its variant), found as one intersection in the GIN index client_search_terms_cw;
        ranked by the longest word (exact, then beginning with it, then its variant), within a rank
        in list order.

        One statement in two parts: first the people with the longest word exactly, then the others
        (a name beginning with it, then a variant). The second part runs only when the first found
        fewer than `limit` (a one-time condition): "Mohammed Haddad" then reads the few thousand
        people called exactly Mohammed, not every spelling of it. Each part reads its people through
        the GIN index (MATERIALIZED, so the planner cannot walk the list-order index hoping to meet
        matches early — they sit together under one family name) and sorts them by name. A
        caseworker's search (`caseworker`, see ranked_search) intersects the names with their own
        people inside the index (client_search_terms_cw) and reads only those rows."""
        driver = words[0]
        others = " & ".join(_word_query(w) for w in words[1:])
        exact_words = [w.word for w in (driver, joined) if w is not None]
        exact = "(" + " | ".join(_lexeme(w) for w in exact_words) + ")"
        if joined is None or joined.word.startswith(driver.word):
            first = f"{exact} & {others}"
        else:  # the words written as one, but the driving word found as well
            first = f"({_lexeme(driver.word)} | ({_lexeme(joined.word)} & {_word_query(driver)})) & {others}"
        every_word = f"{_word_query(driver)} & {others}"
        # The search document holds the terms between spaces: " mohammed " is the term, " mohammed" a
        # term beginning with it (checked on the few rows read, not in the index).
        is_exact = Q()
        for word in exact_words:
            is_exact |= Q(search_document__contains=f" {word} ")
        prefix_or_variant = models.Case(
            models.When(search_document__contains=f" {driver.word}", then=Value(1)), default=Value(2)
        )
        vector = search_terms_vector()
        if caseworker is None:
            parts = [
                self.filter(_matches(vector, first)).annotate(rank=Value(0)),
                self.filter(_matches(vector, every_word)).exclude(is_exact).annotate(rank=prefix_or_variant),
            ]
        else:  # a twentieth of the people: one part, all ranks (the exact ones seldom fill a page)
            rank = models.Case(models.When(is_exact, then=Value(0)), default=prefix_or_variant)
            own = self.filter(caseworker_ids__contains=[caseworker.pk])
            parts = [own.filter(_matches(vector, every_word)).annotate(rank=rank)]
        order = "rank, family_name, given_names, pk"
        # m<n>: the people of part n (our QuerySet's SQL); r<n>: the first `limit` of them in rank and
        # list order, numbered (sorted apart from the numbering: a sort under LIMIT keeps only `limit` rows)
        ctes, params = [], []
        for n, part in enumerate(parts):
            sql, part_params = part.values_list("rank", *LIST_ORDER).order_by().query.sql_with_params()
            top = f"SELECT * FROM m{n} ORDER BY {order} LIMIT %s"  # noqa: S608  # nosec B608
            numbered = f"SELECT pk, row_number() OVER (ORDER BY {order}) AS pos FROM ({top}) top"  # noqa: S608  # nosec B608
            ctes.append(f"m{n} AS MATERIALIZED ({sql}),\nr{n} AS MATERIALIZED ({numbered})")
            params += [*part_params, limit]
        statement = "WITH " + ",\n".join(ctes) + "\nSELECT pk, 0, pos FROM r0\n"  # nosec B608 -- the parts above
        if len(parts) > 1:
            statement += "UNION ALL SELECT pk, 1, pos FROM r1 WHERE (SELECT count(*) FROM r0) < %s"
            params.append(limit)
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            rows = cursor.fetchall()
        return [pk for pk, _part, _pos in sorted(rows, key=lambda row: (row[1], row[2]))][:limit]


def search_terms_vector():
    """The terms of a person as a text search vector, read from the search document (index
    client_search_terms_cw): every term a lexeme, verbatim (no stemming, `#` variant keys kept)."""
    words = Func(Func(F("search_document"), function="btrim"), Value(" "), function="string_to_array")
    return Func(words, function="array_to_tsvector", output_field=SearchVectorField())


def _lexeme(term: str) -> str:
    """One quoted tsquery lexeme (the terms are normalised words; quotes and backslashes escaped anyway)."""
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _word_query(word: "search.Word") -> str:
    """A typed word as tsquery: a term beginning with it, or its variant key."""
    alternatives = [_lexeme(word.word) + ":*"] + ([_lexeme(word.variant)] if word.variant else [])
    return "(" + " | ".join(alternatives) + ")"


def _matches(vector, tsquery: str):
    """`vector @@ 'tsquery'::tsquery`, the query taken as written (no parsing into words)."""
    query = Cast(Value(tsquery), output_field=SearchQueryField())
    return Func(vector, query, template="%(expressions)s", arg_joiner=" @@ ", output_field=models.BooleanField())


#: The order of every client list (and of the index client_list_order).
LIST_ORDER = ("family_name", "given_names", "pk")
TERM_ORDER = ("family_name", "given_names", "client_id")


def _number_condition(query: str):
    """A typed BG number or KJC customer number: an exact match on its unique index; else None."""
    compact = re.sub(r"[\s/.-]+", "", query).upper()
    if BG_NUMBER_RE.match(compact):
        return Q(household__bg_number=compact)
    if re.fullmatch(r"[0-9A-Z]{4,20}", compact) and any(c.isdigit() for c in compact):
        return Q(kjc_customer_number=compact)
    return None


def _word_condition(word: "search.Word") -> Q:
    """A term matching `word` at any rank but the broad one: the word, a name beginning with it, its variant."""
    condition = Q(term__startswith=word.word)
    if word.variant:
        condition |= Q(term=word.variant)
    return condition


def _search_ranks(words, joined):
    """The ranks as term conditions on the driving word, best first: the word, names
    beginning with it, its spelling variants. Each is read from the index client_term_order_cw in
    (term, name) order: names beginning with "Moh" come as Mohamad …, Mohammed …"""
    driver = words[0]
    yield Q(term__in=[driver.word] + ([joined.word] if joined is not None else []))  # IN: an index condition
    yield Q(term__startswith=driver.word, term__gt=driver.word)  # not the word itself: a range past it
    variants = [w.variant for w in (driver, joined) if w is not None and w.variant]
    if variants:
        yield Q(term__in=variants)


class Client(models.Model):
    """A refugee accompanied by WIR case management (Klient:in)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family_name = models.CharField(_("Familienname (lateinische Schrift)"), max_length=200)
    given_names = models.CharField(_("Vorname(n) (lateinische Schrift)"), max_length=200)
    family_name_original = models.CharField(_("Familienname (Originalschrift)"), max_length=200, blank=True)
    given_names_original = models.CharField(_("Vorname(n) (Originalschrift)"), max_length=200, blank=True)
    aliases = models.TextField(
        _("Namensvarianten"),
        blank=True,
        max_length=2000,
        help_text=_("Andere Schreibweisen oder frühere Namen, eine pro Zeile (z. B. aus Ausweis und Bescheiden)."),
    )
    birth_day = models.PositiveSmallIntegerField(
        _("Geburtstag (Tag)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(31)]
    )
    birth_month = models.PositiveSmallIntegerField(
        _("Geburtsmonat"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    birth_year = models.PositiveSmallIntegerField(
        _("Geburtsjahr"), validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    gender = models.CharField(_("Geschlecht"), max_length=12, choices=Gender.choices, default=Gender.NOT_STATED)
    nationalities = CountryField(_("Staatsangehörigkeiten"), multiple=True, blank=True)
    interpreter_needed = models.BooleanField(_("Dolmetscher:in nötig"), default=False)
    residence_status = models.CharField(
        _("Aufenthaltsstatus"), max_length=12, choices=ResidenceStatus.choices, blank=True
    )
    residence_valid_until = models.DateField(_("Aufenthaltstitel gültig bis"), null=True, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postcode = models.CharField(
        _("Postleitzahl"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{5}$", _("Die Postleitzahl hat fünf Ziffern."))],
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("Kommune"), on_delete=models.PROTECT, null=True, blank=True
    )
    phone = PhoneNumberField(_("Telefon"), blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    kjc_customer_number = models.CharField(
        _("Kundennummer KJC"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^[0-9A-Z]{4,20}$",
                _("Die Kundennummer besteht aus 4 bis 20 Ziffern und Buchstaben, ohne Leerzeichen."),
            )
        ],
    )
    household = models.ForeignKey(
        Household,
        verbose_name=_("Bedarfsgemeinschaft"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    household_relation = models.CharField(
        _("Rolle in der Bedarfsgemeinschaft"), max_length=10, choices=HouseholdRelation.choices, blank=True
    )
    search_document = models.TextField(editable=False, default="")
    restricted_at = models.DateTimeField(
        _("Verarbeitung eingeschränkt seit"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Art. 18 DSGVO: nur die Administration sieht die Person, solange die Einschränkung gilt."),
    )
    anonymised_at = models.DateTimeField(_("anonymisiert am"), null=True, blank=True, editable=False)
    # Kept by the database (migration 0018), as ClientSearchTerm.caseworker_ids: the caseworkers with a
    # case of this person (closed ones included, as visible_to counts them), set by the triggers on
    # cases_case and recomputed by a trigger on every write of this row (so a form saved with an old
    # copy cannot put back an old value). A caseworker's search intersects it with the names inside
    # the index client_search_terms_cw; the exact visibility check follows.
    caseworker_ids = ArrayField(
        models.BigIntegerField(), verbose_name=_("zuständig"), default=list, blank=True, editable=False
    )
    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    objects = ClientQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_document", "updated_at", "caseworker_ids"])

    class Meta:
        verbose_name = _("Klient:in")
        verbose_name_plural = _("Klient:innen")
        ordering = ["family_name", "given_names"]
        indexes = [
            GinIndex(OpClass("search_document", name="gin_trgm_ops"), name="client_search_trgm"),
            # the names and the caseworkers: a caseworker's search intersects both inside the index
            GinIndex(search_terms_vector(), F("caseworker_ids"), name="client_search_terms_cw"),
            models.Index(
                fields=["id"],
                name="client_current",
                condition=Q(restricted_at__isnull=True, anonymised_at__isnull=True),
            ),
            models.Index(fields=["kjc_customer_number"], name="client_kjc_number"),
            models.Index(fields=["id"], name="client_restricted", condition=Q(restricted_at__isnull=False)),
            models.Index(fields=["family_name", "given_names", "id"], name="client_list_order"),
            models.Index(  # the dashboard's permits in their order: the first rows, without a sort
                fields=["residence_valid_until", "id"],
                name="client_residence_order",
                condition=Q(residence_valid_until__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_day__isnull=True) | Q(birth_month__isnull=False), name="client_day_needs_month"
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.derive()
        super().save(*args, **kwargs)
        ClientSearchTerm.store(self)

    def derive(self) -> None:
        """Set the fields derived from the others (normalised KJC number, search document); `save`
        calls it, and so must every bulk path that bypasses `save` (then `ClientSearchTerm.store_many`)."""
        self.kjc_customer_number = normalise_kjc_number(self.kjc_customer_number)
        self.search_document = search.document(*self.search_texts())

    def search_texts(self) -> list[str]:
        """The texts a search matches: names in both scripts and the aliases."""
        return search_texts(
            family_name=self.family_name,
            given_names=self.given_names,
            family_name_original=self.family_name_original,
            given_names_original=self.given_names_original,
            aliases=self.aliases,
        )

    @property
    def full_name(self):
        return f"{self.given_names} {self.family_name}".strip()

    @property
    def full_name_original(self):
        return f"{self.given_names_original} {self.family_name_original}".strip()

    @property
    def date_of_birth_display(self):
        day = f"{self.birth_day:02d}" if self.birth_day else "??"
        month = f"{self.birth_month:02d}" if self.birth_month else "??"
        return f"{day}.{month}.{self.birth_year}"

    def language_codes(self) -> list[str]:
        """The codes of the languages the client speaks, in the order they were recorded."""
        return [cl.language.code for cl in self.languages.select_related("language").order_by("pk")]

    def age_on(self, day: datetime.date) -> int:
        """Age in whole years; with an unknown birthday the person is assumed born on 1 January
        (so the age is never underestimated for adult-only checks)."""
        born = datetime.date(self.birth_year, self.birth_month or 1, self.birth_day or 1)
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def age(self):
        return self.age_on(timezone.localdate())

    @property
    def is_minor(self):
        return self.age < 18

    def _household_for(self, user) -> list[tuple["Client", bool]]:
        """`Household.members_for(user)`, the client included if `user` sees them there: one query
        per instance and user, shared by the page's household and its children's sections."""
        if not self.household_id:
            return []
        seen = self.__dict__.setdefault("_household_for_user", {})
        if user.pk not in seen:
            seen[user.pk] = self.household.members_for(user)
        return seen[user.pk]

    def household_members_for(self, user) -> list[tuple["Client", bool]]:
        """(member, may `user` open their page) for the other members of the household `user` may see."""
        return [(member, may_open) for member, may_open in self._household_for(user) if member.pk != self.pk]

    def household_children_for(self, user) -> list["Client"]:
        """The household's children `user` may see, by birth year and given names; a minor without
        a household is their own child (as offers.forms.household_children)."""
        if not self.household_id:
            return [self] if self.is_minor else []
        children = [m for m, _may_open in self._household_for(user) if m.household_relation == HouseholdRelation.CHILD]
        return sorted(children, key=lambda child: (child.birth_year, child.given_names))

    def clean(self):
        errors = {}
        if self.birth_day and not self.birth_month:
            errors["birth_month"] = _("Wenn der Tag bekannt ist, geben Sie bitte auch den Monat an.")
        if self.birth_year and self.birth_month and self.birth_day:
            try:
                born = datetime.date(self.birth_year, self.birth_month, self.birth_day)
            except (ValueError, OverflowError):  # OverflowError: a number too large for a date
                errors["birth_day"] = _("Dieses Datum gibt es nicht.")
            else:
                if born > timezone.localdate():
                    errors["birth_year"] = _("Das Geburtsdatum liegt in der Zukunft.")
        if self.birth_year and self.birth_year > timezone.localdate().year:
            errors["birth_year"] = _("Das Geburtsjahr liegt in der Zukunft.")
        if errors:
            raise ValidationError(errors)

    def timeline(self, limit: int = 100) -> list[Entry]:
        """Every change to the person's records, newest first, with old and new values."""
        tracked = [(Client, Client.history.filter(id=self.pk))] + [
            (model, model.history.filter(client_id=self.pk))
            for model in (Case, Contact, FollowUp, Goal, Consent, Document, ClientLanguage)
        ]
        return history_entries(tracked, limit=limit, hidden={"client"}, object_label=_history_label)

    def assignable_users(self):
        """Active staff who may see this client and so may be given one of its records (a
        follow-up): team leads, administrators and caseworkers with a case of the client; while its
        processing is restricted (Art. 18 GDPR), administrators only (`visible_to`)."""
        if self.restricted_at is not None:
            return User.objects.filter(is_active=True, role=Role.ADMIN)
        with_case = Exists(Case.objects.filter(client=self, caseworker=OuterRef("pk")))
        return User.objects.filter(is_active=True).filter(
            Q(role__in=[Role.TEAMLEAD, Role.ADMIN]) | Q(role=Role.CASEWORKER) & with_case
        )

    @property
    def open_case(self):
        """The one case that is not closed, if any (use prefetch `open_cases` in lists)."""
        cached = getattr(self, "_open_cases", None)
        if cached is not None:
            return cached[0] if cached else None
        return self.cases.exclude(status=Case.Status.CLOSED).select_related("caseworker").first()


def normalise_kjc_number(value: str) -> str:
    return re.sub(r"\s+", "", value or "").upper()


def search_texts(*, family_name, given_names, family_name_original="", given_names_original="", aliases=""):
    return [family_name, given_names, family_name_original, given_names_original, *aliases.splitlines()]


class ClientSearchTerm(models.Model):
    """One search term of a person (cases/search.py), with the name for the list order: a search
    reads the people of one term in list order straight from the index client_term_order_cw."""

    pk = models.CompositePrimaryKey("client_id", "term")
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="+", db_index=False)
    term = models.CharField(_("Suchbegriff"), max_length=200, db_collation="C")  # byte order: LIKE 'x%' uses the index
    family_name = models.CharField(_("Familienname"), max_length=200)
    given_names = models.CharField(_("Vorname(n)"), max_length=200)
    # Kept by the database (migration 0014): the triggers on cases_case and on this table set it to
    # the caseworkers with a case of the client (closed ones included), after every write, bulk and
    # raw SQL ones included. A caseworker's search skips the others' people in the index
    # client_term_order without visiting them; the exact visibility check still follows.
    caseworker_ids = ArrayField(
        models.BigIntegerField(), verbose_name=_("zuständig"), default=list, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("Suchbegriff")
        verbose_name_plural = _("Suchbegriffe")
        indexes = [
            models.Index(
                fields=["term", "family_name", "given_names", "client"],
                include=["caseworker_ids"],
                name="client_term_order_cw",
            ),
        ]

    def __str__(self):
        return self.term

    @classmethod
    def store(cls, client: Client) -> None:
        """Replace the terms of `client` (called by Client.save)."""
        cls.store_many([client])

    @classmethod
    def store_many(cls, clients: list[Client], *, new: bool = False, batch_size: int = 5000) -> None:
        """Replace the terms of `clients` in two statements per batch (bulk paths; `new`: they have none yet)."""
        if not new:
            cls.objects.filter(client__in=[c.pk for c in clients]).delete()
        rows = [
            (client.pk, term, client.family_name, client.given_names)
            for client in clients
            for term in search.terms(*client.search_texts())
        ]
        # One INSERT from arrays per batch: a model instance per term costs more than the insert.
        with connection.cursor() as cursor:
            for start in range(0, len(rows), batch_size):
                batch = rows[start : start + batch_size]
                cursor.execute(
                    "INSERT INTO cases_clientsearchterm (client_id, term, family_name, given_names) "
                    "SELECT * FROM unnest(%s::uuid[], %s::text[], %s::text[], %s::text[])",
                    [list(column) for column in zip(*batch, strict=True)],
                )


def _history_label(model, row) -> str:
    if model is Client:
        return f"{row.given_names} {row.family_name}"
    for name in ("title", "text"):
        if hasattr(row, name):
            return str(getattr(row, name))[:80]
    if hasattr(row, "date"):
        return row.date.strftime("%d.%m.%Y")
    return ""


class ClientLanguage(models.Model):
    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="languages")
    language = models.ForeignKey(Language, verbose_name=_("Sprache"), on_delete=models.PROTECT)
    level = models.CharField(_("Niveau"), max_length=10, choices=LanguageLevel.choices, default=LanguageLevel.NATIVE)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Sprache der Person")
        verbose_name_plural = _("Sprachen der Person")
        constraints = [models.UniqueConstraint(fields=["client", "language"], name="client_language_once")]

    def __str__(self):
        return f"{self.language} ({self.get_level_display()})"


# --------------------------------------------------------------------------------------------
# Cases
# --------------------------------------------------------------------------------------------


class Topic(models.TextChoices):
    LANGUAGE = "language", _("Sprache")
    WORK = "work", _("Arbeit und Ausbildung")
    EDUCATION = "education", _("Schule und Bildung")
    BUT = "but", _("Bildung und Teilhabe")
    HOUSING = "housing", _("Wohnen")
    HEALTH = "health", _("Gesundheit")
    LEISURE = "leisure", _("Freizeit, Sport, Vereine")
    BENEFITS = "benefits", _("Leistungen SGB II")
    RESIDENCE = "residence", _("Aufenthalt")
    FAMILY = "family", _("Familie und Kinder")
    OTHER = "other", _("Sonstiges")


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user.is_admin_role:
            return self
        if user.sees_all_cases:
            return self.filter(client__restricted_at__isnull=True)
        if user.is_caseworker:
            return self.filter(caseworker=user, client__restricted_at__isnull=True)
        return self.none()

    def open(self):
        return self.exclude(status=Case.Status.CLOSED)


class Case(models.Model):
    """A period of case management for one client, with one responsible caseworker."""

    class Status(models.TextChoices):
        INTAKE = "intake", _("aufgenommen")
        ACTIVE = "active", _("aktiv")
        DORMANT = "dormant", _("ruhend")
        CLOSED = "closed", _("abgeschlossen")

    class ClosingReason(models.TextChoices):
        GOALS_REACHED = "goals_reached", _("Ziele erreicht")
        WORK = "work", _("Arbeit aufgenommen, kein SGB-II-Bezug mehr")
        MOVED = "moved", _("verzogen")
        NO_CONTACT = "no_contact", _("kein Kontakt mehr")
        DECLINED = "declined", _("Begleitung nicht mehr gewünscht")
        OTHER = "other", _("anderer Grund")

    TRANSITIONS = {
        Status.INTAKE: {Status.ACTIVE, Status.CLOSED},
        Status.ACTIVE: {Status.DORMANT, Status.CLOSED},
        Status.DORMANT: {Status.ACTIVE, Status.CLOSED},
        Status.CLOSED: set(),
    }

    client = models.ForeignKey(Client, verbose_name=_("Klient:in"), on_delete=models.PROTECT, related_name="cases")
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zuständig"),
        on_delete=models.PROTECT,
        related_name="cases",
        limit_choices_to={"role": Role.CASEWORKER, "is_active": True},
    )
    status = models.CharField(_("Status"), max_length=10, choices=Status.choices, default=Status.INTAKE)
    opened_on = models.DateField(_("aufgenommen am"), default=timezone.localdate)
    closed_on = models.DateField(_("abgeschlossen am"), null=True, blank=True)
    closing_reason = models.CharField(_("Abschlussgrund"), max_length=20, choices=ClosingReason.choices, blank=True)
    closing_note = models.TextField(_("Bemerkung zum Abschluss"), blank=True, max_length=2000)
    topics = ArrayField(
        models.CharField(max_length=20, choices=Topic.choices), verbose_name=_("Themen"), default=list, blank=True
    )

    objects = CaseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Fall")
        verbose_name_plural = _("Fälle")
        ordering = ["-opened_on"]
        indexes = [
            models.Index(fields=["client", "caseworker"], name="case_client_caseworker"),
            models.Index(fields=["caseworker", "client"], name="case_caseworker_client"),  # a caseworker's clients
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=~Q(status="closed"),
                name="case_one_open_per_client",
                violation_error_message=_("Für diese Person ist bereits ein Fall offen."),
            ),
            models.CheckConstraint(
                condition=(
                    Q(status="closed", closed_on__isnull=False) & ~Q(closing_reason="")
                    | ~Q(status="closed") & Q(closed_on__isnull=True)
                ),
                name="case_closed_has_date_and_reason",
            ),
        ]

    def __str__(self):
        return f"{self.client} – {self.get_status_display()}"

    @property
    def is_open(self):
        return self.status != self.Status.CLOSED

    def can_change_to(self, status) -> bool:
        return status in self.TRANSITIONS[self.Status(self.status)]

    def change_status(self, status, *, reason: str = "", note: str = "", on: datetime.date | None = None):
        """Move along `aufgenommen → aktiv ⇄ ruhend → abgeschlossen`; closing needs a reason."""
        if not self.can_change_to(status):
            raise ValidationError(
                _("Ein Fall mit Status „%(old)s“ kann nicht in „%(new)s“ wechseln."),
                params={"old": self.get_status_display(), "new": self.Status(status).label},
                code="invalid_transition",
            )
        if status == self.Status.CLOSED:
            if not reason:
                raise ValidationError({"closing_reason": _("Bitte geben Sie einen Abschlussgrund an.")})
            self.closing_reason = reason
            self.closing_note = note
            self.closed_on = on or timezone.localdate()
        self.status = status
        self.save()


class OpenCaseCount(models.Model):
    """Open cases per caseworker and status, kept by statement triggers on cases_case (migrations
    0009, 0021): correct after every insert, update and delete, bulk ones included, in the same
    transaction. A case counts only while its person's processing is not restricted (Art. 18 GDPR:
    nobody but the administration sees them); restricting or releasing a person moves their open
    cases out of the counts or back in (a trigger on cases_client). The dashboard reads these few
    rows instead of counting a million cases."""

    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("zuständig"), on_delete=models.DO_NOTHING, db_constraint=False
    )
    status = models.CharField(_("Status"), max_length=10, choices=Case.Status.choices)
    n = models.BigIntegerField(_("Anzahl"), default=0)

    class Meta:
        verbose_name = _("Zahl offener Fälle")
        verbose_name_plural = _("Zahlen offener Fälle")
        constraints = [models.UniqueConstraint(fields=["caseworker", "status"], name="opencasecount_once")]

    def __str__(self):
        return f"{self.caseworker_id} {self.status}: {self.n}"


# --------------------------------------------------------------------------------------------
# Daily work on a client: contacts, follow-ups, goals
# --------------------------------------------------------------------------------------------


class Contact(models.Model):
    """Beratungskontakt: one conversation or meeting with or about the client."""

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("persönlich")
        PHONE = "phone", _("Telefon")
        HOME_VISIT = "home_visit", _("Hausbesuch")
        EMAIL = "email", _("E-Mail")
        VIDEO = "video", _("Video")

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="contacts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("erfasst von"), on_delete=models.PROTECT, related_name="+"
    )
    from_volunteer = models.BooleanField(_("von Ehrenamtlichen erfasst"), default=False, editable=False)
    date = models.DateField(_("Datum"), default=timezone.localdate)
    duration_minutes = models.PositiveSmallIntegerField(
        _("Dauer (Minuten)"), default=30, validators=[MinValueValidator(1), MaxValueValidator(24 * 60)]
    )
    channel = models.CharField(_("Art"), max_length=12, choices=Channel.choices, default=Channel.IN_PERSON)
    with_interpreter = models.BooleanField(_("mit Dolmetscher:in"), default=False)
    topics = ArrayField(
        models.CharField(max_length=20, choices=Topic.choices), verbose_name=_("Themen"), default=list, blank=True
    )
    note = models.TextField(_("Notiz"), blank=True, max_length=5000)
    created_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Beratungskontakt")
        verbose_name_plural = _("Beratungskontakte")
        ordering = ["-date", "-created_at"]
        indexes = [
            # the volunteers' activity watch: contacts a volunteer logged, per client (few rows)
            models.Index(fields=["client", "date"], name="contact_by_volunteer", condition=Q(from_volunteer=True)),
        ]

    def __str__(self):
        return f"{self.date:%d.%m.%Y} {self.get_channel_display()}"

    def clean(self):
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("Ein Kontakt kann nicht in der Zukunft liegen.")})


class FollowUpQuerySet(models.QuerySet):
    def visible_to(self, user, *, one_by_one: bool = False):
        """Follow-ups of clients `user` may see: a follow-up never shows a client's name to
        someone without access to the client. `one_by_one`: a caseworker's checked row by row
        (`of_own_cases_one_by_one`), for reading the first few in their order."""
        if Client.objects.seen_through_own_cases(user):
            rule = Client.objects.of_own_cases_one_by_one if one_by_one else Client.objects.of_own_cases
            return self.filter(rule(user, "client_id"))
        return self.filter(Exists(Client.objects.visible_to(user).filter(pk=OuterRef("client_id"))))

    def open(self):
        return self.filter(done_at__isnull=True)

    def overdue(self, today=None):
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def due_this_week(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=7))


class FollowUp(models.Model):
    """Wiedervorlage: a dated reminder to look at a client's matter again."""

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="followups")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("zuständig"), on_delete=models.PROTECT, related_name="followups"
    )
    due_on = models.DateField(_("fällig am"))
    text = models.CharField(_("Worum geht es?"), max_length=500)
    done_at = models.DateTimeField(_("erledigt am"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("erledigt von"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    objects = FollowUpQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Wiedervorlage")
        verbose_name_plural = _("Wiedervorlagen")
        ordering = ["due_on", "pk"]
        indexes = [
            # with the client: a caseworker's open follow-ups are counted against their cases in the index
            models.Index(
                fields=["owner", "due_on", "client"], name="followup_owner_due_client", condition=Q(done_at=None)
            ),
            models.Index(fields=["due_on"], name="followup_open_due", condition=Q(done_at=None)),
        ]

    def __str__(self):
        return f"{self.due_on:%d.%m.%Y}: {self.text}"

    @property
    def is_overdue(self):
        return self.done_at is None and self.due_on < timezone.localdate()

    def clean(self):
        if self.owner_id and self.client_id and not self.client.assignable_users().filter(pk=self.owner_id).exists():
            raise ValidationError({"owner": _("Diese Person hat keinen Zugriff auf die Klient:in.")})

    def mark_done(self, user):
        self.done_at = timezone.now()
        self.done_by = user
        self.save()

    def may_be_reopened_by(self, user) -> bool:
        """ "Rückgängig" after marking it done: only who did it, only for a short while."""
        return self.done_at is not None and self.done_by_id == user.pk and undo.within_window(self.done_at)


class Goal(models.Model):
    """One item of the integration plan (Integrationsplan)."""

    class Status(models.TextChoices):
        OPEN = "open", _("offen")
        IN_PROGRESS = "in_progress", _("in Arbeit")
        ACHIEVED = "achieved", _("erreicht")
        DROPPED = "dropped", _("aufgegeben")

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="goals")
    title = models.CharField(_("Ziel"), max_length=200)
    topic = models.CharField(_("Thema"), max_length=20, choices=Topic.choices, default=Topic.OTHER)
    description = models.TextField(_("Schritte und Absprachen"), blank=True, max_length=5000)
    status = models.CharField(_("Status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    target_date = models.DateField(_("angestrebt bis"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Ziel")
        verbose_name_plural = _("Ziele")
        ordering = ["status", "target_date", "pk"]

    def __str__(self):
        return self.title


# --------------------------------------------------------------------------------------------
# Documents and consents
# --------------------------------------------------------------------------------------------


def document_path(instance, filename):
    """Random internal name; the user's file name is kept only as metadata."""
    return f"documents/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Document(models.Model):
    class Kind(models.TextChoices):
        ID = "id", _("Ausweis / Aufenthaltsdokument")
        DECISION = "decision", _("Bescheid")
        CONSENT = "consent", _("Einwilligung (unterschrieben)")
        AUTHORISATION = "authorisation", _("Vollmacht (unterschrieben)")
        CERTIFICATE = "certificate", _("Zeugnis / Nachweis")
        LETTER = "letter", _("Schreiben")
        OTHER = "other", _("Sonstiges")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(_("Bezeichnung"), max_length=200)
    kind = models.CharField(_("Art"), max_length=15, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(_("Datei"), upload_to=document_path, max_length=200)
    original_name = models.CharField(_("ursprünglicher Dateiname"), max_length=255, editable=False)
    content_type = models.CharField(_("Dateityp"), max_length=50, editable=False)
    size = models.PositiveIntegerField(_("Größe (Bytes)"), editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Dokument")
        verbose_name_plural = _("Dokumente")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.title


class ConsentQuerySet(models.QuerySet):
    def valid_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(given_on__lte=day).filter(
            Q(revoked_on__isnull=True) | Q(revoked_on__gt=day), Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )


class DataCategory(models.TextChoices):
    IDENTITY = "identity", _("Name, Geburtsdatum, Anschrift")
    CONTACT = "contact", _("Telefon und E-Mail")
    BENEFITS = "benefits", _("Leistungen nach dem SGB II (BG-Nummer, Bescheide)")
    RESIDENCE = "residence", _("Aufenthaltsstatus")
    EDUCATION = "education", _("Schule, Ausbildung, Sprachkurse")
    WORK = "work", _("Arbeit und Maßnahmen")
    HEALTH = "health", _("Gesundheit")
    FAMILY = "family", _("Familie und Kinder")


class Consent(models.Model):
    """Einwilligung in die Datenübermittlung: signed by the client personally, a document of its
    own (never part of a Vollmacht), naming data, purpose and recipient."""

    class RecipientKind(models.TextChoices):
        KJC = "kjc", _("Kommunales Job-Center")
        VOLUNTEER = "volunteer", _("Ehrenamtliche:r")
        PROVIDER = "provider", _("Träger eines Angebots")
        OTHER = "other", _("andere Stelle")

    class Form(models.TextChoices):
        WRITTEN = "written", _("schriftlich")
        ELECTRONIC = "electronic", _("elektronisch")
        ORAL = "oral", _("mündlich (dokumentiert)")

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="consents")
    recipient_kind = models.CharField(_("Empfänger"), max_length=10, choices=RecipientKind.choices)
    recipient_volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("Ehrenamtliche:r"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consents",
    )
    recipient_provider = models.ForeignKey(
        "offers.Provider",
        verbose_name=_("Träger"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consents",
    )
    recipient_name = models.CharField(
        _("Empfänger (Bezeichnung)"), max_length=200, blank=True, help_text=_("Nur bei „andere Stelle“ nötig.")
    )
    data_categories = ArrayField(
        models.CharField(max_length=12, choices=DataCategory.choices), verbose_name=_("Welche Daten?")
    )
    purpose = models.CharField(_("Zweck"), max_length=500)
    form = models.CharField(_("Form"), max_length=10, choices=Form.choices, default=Form.WRITTEN)
    co_signed_by_guardian = models.BooleanField(
        _("bei Minderjährigen: auch von Sorgeberechtigten unterschrieben"), default=False
    )
    given_on = models.DateField(_("erteilt am"), default=timezone.localdate)
    valid_until = models.DateField(_("befristet bis"), null=True, blank=True)
    revoked_on = models.DateField(_("widerrufen am"), null=True, blank=True)
    revocation_note = models.CharField(_("Bemerkung zum Widerruf"), max_length=500, blank=True)
    scan = models.ForeignKey(
        Document, verbose_name=_("unterschriebene Einwilligung (Scan)"), on_delete=models.PROTECT, null=True, blank=True
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    objects = ConsentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Einwilligung")
        verbose_name_plural = _("Einwilligungen")
        ordering = ["-given_on", "-pk"]
        indexes = [
            models.Index(  # the dashboard's consents in their order: the first rows, without a sort
                fields=["valid_until", "id"],
                name="consent_valid_until_order",
                condition=Q(valid_until__isnull=False),
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(recipient_kind="volunteer") | Q(recipient_volunteer__isnull=False),
                name="consent_volunteer_named",
            ),
            models.CheckConstraint(
                condition=~Q(recipient_kind="provider") | Q(recipient_provider__isnull=False),
                name="consent_provider_named",
            ),
            models.CheckConstraint(
                condition=~Q(data_categories__contains=["health"]) | Q(form__in=["written", "electronic"]),
                name="consent_health_needs_written_form",
            ),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True) | Q(revoked_on__gte=models.F("given_on")),
                name="consent_revoked_after_given",
            ),
        ]

    def __str__(self):
        return _("Einwilligung: %(recipient)s") % {"recipient": self.recipient_display}

    @property
    def recipient_display(self):
        if self.recipient_kind == self.RecipientKind.VOLUNTEER and self.recipient_volunteer_id:
            return str(self.recipient_volunteer)
        if self.recipient_kind == self.RecipientKind.PROVIDER and self.recipient_provider_id:
            return str(self.recipient_provider)
        if self.recipient_kind == self.RecipientKind.OTHER:
            return self.recipient_name
        return self.get_recipient_kind_display()

    def is_valid_on(self, day=None) -> bool:
        day = day or timezone.localdate()
        return (
            self.given_on <= day
            and (self.revoked_on is None or self.revoked_on > day)
            and (self.valid_until is None or self.valid_until >= day)
        )

    @property
    def is_valid(self):
        return self.is_valid_on()

    def clean(self):
        errors = {}
        if self.recipient_kind == self.RecipientKind.VOLUNTEER and not self.recipient_volunteer_id:
            errors["recipient_volunteer"] = _("Bitte wählen Sie die ehrenamtliche Person aus.")
        if self.recipient_kind == self.RecipientKind.PROVIDER and not self.recipient_provider_id:
            errors["recipient_provider"] = _("Bitte wählen Sie den Träger aus.")
        if self.recipient_kind == self.RecipientKind.OTHER and not self.recipient_name.strip():
            errors["recipient_name"] = _("Bitte nennen Sie die empfangende Stelle.")
        if DataCategory.HEALTH in (self.data_categories or []) and self.form == self.Form.ORAL:
            errors["form"] = _(
                "Gesundheitsdaten dürfen nur mit schriftlicher oder elektronischer Einwilligung übermittelt werden."
            )
        if self.valid_until and self.given_on and self.valid_until < self.given_on:
            errors["valid_until"] = _("Das Ende liegt vor dem Datum der Einwilligung.")
        if self.revoked_on and self.given_on and self.revoked_on < self.given_on:
            errors["revoked_on"] = _("Der Widerruf liegt vor dem Datum der Einwilligung.")
        if errors:
            raise ValidationError(errors)


class AccessLog(models.Model):
    """One row per read of personal data (client page, document, PDF, history, export).

    Field values are never stored here: who, which client, what kind of access, when. Append-only:
    a trigger refuses UPDATE and DELETE (accounts/immutable.py). The table keeps the name it had
    when the model lived in accounts.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("angesehen")
        DOCUMENT = "document", _("Dokument geöffnet")
        PDF = "pdf", _("PDF heruntergeladen")
        HISTORY = "history", _("Verlauf angesehen")
        EXPORT = "export", _("Auskunft exportiert")
        PORTAL = "portal", _("im Portal angesehen")
        LIST_EXPORT = "listexport", _("in Listen-Export")

    at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Benutzer:in"), on_delete=models.PROTECT, related_name="+"
    )
    client = models.ForeignKey(
        Client, verbose_name=_("Klient:in"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(_("Zugriff"), max_length=10, choices=Action.choices)
    target = models.CharField(_("Objekt"), max_length=100, blank=True, help_text=_("Art und Nummer, nie Inhalte"))

    class Meta:
        db_table = "accounts_accesslog"
        verbose_name = _("Zugriffsprotokoll")
        verbose_name_plural = _("Zugriffsprotokolle")
        ordering = ["-at"]
        indexes = [models.Index(fields=["client", "-at"], name="accesslog_client_at")]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.user} {self.get_action_display()}"


class ListExport(models.Model):
    """A large list export (CSV or XLSX) written by the task worker (cases/exports.py). Only the
    person who asked for it may download it, until `expires_at`; a daily job deletes it then."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("wartet")
        RUNNING = "running", _("läuft")
        DONE = "done", _("fertig")
        FAILED = "failed", _("fehlgeschlagen")

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        XLSX = "xlsx", "Excel (XLSX)"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("angefordert von"), on_delete=models.PROTECT, related_name="+"
    )
    list_name = models.CharField(_("Liste"), max_length=40)
    params = models.TextField(_("Filter"), blank=True, max_length=2000)
    file_format = models.CharField(_("Format"), max_length=4, choices=Format.choices)
    status = models.CharField(_("Stand"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.PositiveIntegerField(_("erledigt"), default=0)
    total = models.PositiveIntegerField(_("insgesamt"), default=0)
    data = models.BinaryField(_("Datei"), null=True, editable=False)
    created_at = models.DateTimeField(_("angefordert am"), auto_now_add=True)
    finished_at = models.DateTimeField(_("fertig am"), null=True, blank=True)
    expires_at = models.DateTimeField(_("gelöscht ab"), db_index=True)

    class Meta:
        verbose_name = _("Listen-Export")
        verbose_name_plural = _("Listen-Exporte")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(file_format__in=["csv", "xlsx"]), name="listexport_format_valid"),
        ]

    def __str__(self):
        return f"{self.list_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("cases:list_export_detail", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
