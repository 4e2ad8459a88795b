"""Ratio measures of reports: the ratio of a group's sums, never an average of
per-row ratios (a pass rate over a month is passed / inspected that month)."""
from odoo.tools import SQL


def ratio_select(select, aggregate_spec, ratios, aggregates=("avg", "sum")):
    """SQL of ``aggregate_spec`` when it names a ratio of ``ratios``
    ({field: (numerator field, denominator field, factor)}), else None.
    ``select(spec)`` is the model's own ``_read_group_select`` for a sum.

    Use in ``_read_group_select``::

        sql = ratio_select(lambda spec: super(Model, self)._read_group_select(spec, query), spec, RATIOS)
        return sql if sql is not None else super()._read_group_select(spec, query)
    """
    fname, __, func = aggregate_spec.partition(":")
    if fname not in ratios or func not in aggregates:
        return None
    numerator, denominator, factor = ratios[fname]
    return SQL("COALESCE(%s * %s / NULLIF(%s, 0), 0)", factor, select(f"{numerator}:sum"), select(f"{denominator}:sum"))
