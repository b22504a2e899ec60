"""Short lists read in the query of the row they belong to.

A page about one record (the client page) shows a handful of short lists from other tables. Each
is an array column of that record's query (`rows_column`: a correlated ARRAY(SELECT …) PostgreSQL
runs once for the one row, through the same index as a query of its own), read back into model
instances with `rows_from`. So the page's queries do not grow with the number of lists it shows.
"""

import json

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection, models
from django.db.models.expressions import RawSQL
from django.db.models.functions import JSONObject

from .history import instance_from_json


def _columns(model, prefix=""):
    # JSON numbers come back as floats: a decimal would lose its exact value, so none is read here.
    inexact = [f.name for f in model._meta.concrete_fields if isinstance(f, models.DecimalField)]
    if inexact:
        raise ValueError(f"rows_column cannot carry the decimals {inexact} of {model.__name__} exactly")
    return {field.column: f"{prefix}{field.attname}" for field in model._meta.concrete_fields}


def rows_column(queryset, *related: str) -> ArraySubquery:
    """The rows of `queryset` (in its order, sliced as it is) as one array column, each row with
    the foreign-key objects named in `related` (as select_related would read them)."""
    fields = _columns(queryset.model)
    for name in related:
        fields[f"_{name}"] = JSONObject(**_columns(queryset.model._meta.get_field(name).related_model, f"{name}__"))
    return ArraySubquery(queryset.values(row=JSONObject(**fields)))


def rows_from(model, values, *related: str) -> list:
    """The model instances of a `rows_column` (with the same `related`)."""
    rows = []
    for value in values or []:
        data = json.loads(value) if isinstance(value, str) else value
        instance = instance_from_json(model, data)
        for name in related:
            field = model._meta.get_field(name)
            target = data[f"_{name}"]
            obj = (
                instance_from_json(field.related_model, target)
                if target[field.target_field.column] is not None
                else None
            )
            field.set_cached_value(instance, obj)
        rows.append(instance)
    return rows


def compiled(model, columns: dict) -> dict:
    """`columns` (expressions for `model`'s query, referring to its row through OuterRef) with their
    SQL built now, once: a page that reads the same columns on every request (the client page's
    short lists) then spends no time compiling them again, and Django only inlines the text.

    Only for expressions whose SQL and parameters hold nothing of a request (no user, no date):
    they are fixed from now on. The outer row is the model's table under its own name, as in any
    query of `model` that does not join its table twice."""
    query = model.objects.all().query
    compiler = query.get_compiler(connection=connection)
    out = {}
    for name, expression in columns.items():
        resolved = expression.resolve_expression(query, allow_joins=True)
        sql, params = compiler.compile(resolved)
        # the SQL Django built itself, its parameters passed apart as always
        out[name] = RawSQL(sql, tuple(params), output_field=resolved.output_field)  # noqa: S611  # nosec B611
    return out
