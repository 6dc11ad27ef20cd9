"""The fake's route table, assembled from an explicit list of route modules.

Each ``_routes_*`` module declares its routes in a ``ROUTES`` tuple of :class:`RouteDef`;
nothing registers itself on import. The order of :data:`ROUTE_MODULES` is the matching order.
"""

from __future__ import annotations

from . import (
    _routes_admin,
    _routes_applications,
    _routes_other,
    _routes_tokens,
    _routes_user,
    _routes_users,
)
from ._routing import RouteDef, RouteTable

ROUTE_MODULES = (
    _routes_admin,
    _routes_other,
    _routes_users,
    _routes_user,
    _routes_applications,
    _routes_tokens,
)


def all_route_defs() -> tuple[RouteDef, ...]:
    """Every route of the Users API surface, in matching order."""
    return tuple(d for module in ROUTE_MODULES for d in module.ROUTES)


def build_route_table() -> RouteTable:
    """A fresh route table for one app."""
    return RouteTable(all_route_defs())
