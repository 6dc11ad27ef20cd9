from .harness import engine

__all__ = ["engine"]
