"""The JSON API under ``/api/v1``: one router per area, every route guarded by its permission."""

from fastapi import APIRouter

from dadkhah.web.guard import GuardedRoute


def router(tag: str) -> APIRouter:
    return APIRouter(prefix="/api/v1", tags=[tag], route_class=GuardedRoute)


__all__ = ["router"]
