"""Models of the unified standard: the material library and the guide pages."""

from .materials import Material
from .pages import (
    BundleMatter,
    BundlePage,
    GuideIndexPage,
    HomePage,
    MatterPage,
    Situation,
    SituationMaterial,
)

__all__ = [
    "BundleMatter",
    "BundlePage",
    "GuideIndexPage",
    "HomePage",
    "Material",
    "MatterPage",
    "Situation",
    "SituationMaterial",
]
