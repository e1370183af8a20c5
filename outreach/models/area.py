"""Neighbourhoods and the population figures that describe them."""

from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from outreach.models.base import Base, Timestamped


class Area(Timestamped, Base):
    __tablename__ = "areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: e-Stat KEY_CODE for real boundaries; D001… for the derived demo shapes.
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name_ja: Mapped[str] = mapped_column(String(100))
    #: Hiragana reading, shown as furigana and used for sorting.
    name_kana: Mapped[str] = mapped_column(String(200), default="")
    #: Romanised name, shown in non-Japanese locales.
    name_romaji: Mapped[str] = mapped_column(String(200), default="")
    #: A GeoJSON Polygon or MultiPolygon (lon, lat).
    geometry: Mapped[dict[str, Any]] = mapped_column(JSON)

    statistics: Mapped[list["AreaStatistic"]] = relationship(
        back_populates="area", cascade="all, delete-orphan", order_by="AreaStatistic.measure"
    )


class AreaStatistic(Base):
    __tablename__ = "area_statistics"
    __table_args__ = (UniqueConstraint("area_id", "measure", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[int] = mapped_column(ForeignKey("areas.id", ondelete="CASCADE"), index=True)
    measure: Mapped[str] = mapped_column(String(40))
    value: Mapped[int]
    year: Mapped[int]
    #: Where the figure comes from, e.g. "国勢調査 2020 小地域集計" or "Synthetic demo data".
    source: Mapped[str] = mapped_column(String(300))
    #: True for made-up demo figures, so every page can label them.
    synthetic: Mapped[bool] = mapped_column(default=False)

    area: Mapped[Area] = relationship(back_populates="statistics")
