"""Lunar Atlas: a validated data package about exploring the Moon, and the site built from it."""

__version__ = "0.1.0"
