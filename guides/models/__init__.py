"""Models of the unified standard: the material library and the guide pages."""

from .bundles import BundleMatter, BundlePage
from .home import GuideIndexPage, HomePage
from .materials import Material
from .matters import MatterPage
from .situations import Situation, SituationMaterial

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
