"""Dadkhah: documentation and case-building for crimes against humanity."""

__version__ = "0.1.0"
