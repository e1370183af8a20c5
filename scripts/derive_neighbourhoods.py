"""Derive the Hirakata demo neighbourhoods and their synthetic statistics.

No public town-block polygons or town-block age tables were available, so this script builds
stand-ins from what is public (see ../shared/data/hirakata/README.md):

* shapes: Voronoi cells around the 395 town-block points (Geolonia 住所データ, CC BY 4.0),
  clipped to the city outline (国土数値情報 行政区域データ N03) and dissolved by town name
  with the 丁目 number dropped; about 210 approximate neighbourhoods that cover the city;
* names: kana readings and Hepburn romanisation from pykakasi, corrected by a small table of
  hand-checked Hirakata name parts (so the readings are machine-assisted, not authoritative);
* statistics: SYNTHETIC population figures, seeded so every run gives the same file, and
  calibrated so the citywide totals match published Hirakata figures exactly.

Real deployments replace both outputs with e-Stat 境界データ (KEY_CODE) and census tables.

Usage (needs the optional "geo" extra: shapely >= 2.1, pykakasi):
    python scripts/derive_neighbourhoods.py [--outline PATH] [--points PATH] [--out-dir DIR]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pykakasi
import shapely
from shapely.geometry import MultiPoint, Point, box, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import voronoi_diagram

REPO_ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIR = REPO_ROOT.parent / "shared/data/hirakata"
OUT_DIR = REPO_ROOT / "outreach/demo/data"

SIMPLIFY_TOLERANCE = 0.0002  # degrees, about 20 m: invisible at city zoom, shrinks the file
GRID = 1e-5  # coordinate precision, about 1 m
ENVELOPE_MARGIN = 0.05  # degrees around the outline, so no Voronoi cell is cut short

CREDITS = [
    "「国土数値情報（行政区域データ）」（国土交通省）を加工して作成",
    "Geolonia 住所データ (CC BY 4.0), https://github.com/geolonia/japanese-addresses",
]

# --- Readings ---------------------------------------------------------------------------------
# Hand-checked readings of Hirakata name parts. pykakasi reads many of them the textbook way
# (中宮 ちゅうぐう, 香里 かおり, 養父 ようふ, 之 ゆき, 三栗 さんくり), so these win wherever
# they match. A few entries are here only so names split into sensible romaji words
# (Higashi-Tamiya, Wani-Koen). "|" marks a word break inside a reading; it keeps the vowels
# of やまの|うえ apart when long vowels are shortened for romaji.
READINGS = {
    "枚方": "ひらかた",
    "樟葉": "くずは",
    "楠葉": "くずは",
    "楠葉丘": "くずはおか",
    "中之芝": "なかのしば",
    "香里": "こうり",
    "香里園": "こうりえん",
    "香里ケ丘": "こうりがおか",
    "山之手": "やまのて",
    "牧野": "まきの",
    "牧野阪": "まきのさか",
    "招提": "しょうだい",
    "平野": "ひらの",
    "津田": "つだ",
    "星丘": "ほしがおか",
    "宮之阪": "みやのさか",
    "宮之下": "みやのした",
    "御殿山": "ごてんやま",
    "長尾": "ながお",
    "長尾台": "ながおだい",
    "播磨谷": "はりまだに",
    "荒阪": "あらさか",
    "藤阪": "ふじさか",
    "交北": "こうほく",
    "禁野": "きんや",
    "甲斐田": "かいだ",
    "田口": "たぐち",
    "田口山": "たぐちやま",
    "磯島": "いそじま",
    "出口": "でぐち",
    "伊加賀": "いかが",
    "中宮": "なかみや",
    "村野": "むらの",
    "春日": "かすが",
    "春日野": "かすがの",
    "穂谷": "ほたに",
    "杉": "すぎ",
    "責谷": "せめだに",
    "尊延寺": "そんえんじ",
    "大字": "おおあざ",
    "野村": "のむら",
    "新之栄": "しんのえ",  # as pykakasi's own entry for 新之栄町 (not しんのえい)
    "岡": "おか",
    "岡本": "おかもと",
    "三栗": "めぐり",
    "上島": "かみじま",
    "中振": "なかぶり",
    "片鉾": "かたほこ",
    "船橋": "ふなはし",  # 船橋川 ふなはしがわ; not Chiba's ふなばし
    "田宮": "たみや",
    "藤田": "ふじた",
    "印田": "いんでん",
    "大垣内": "おおがいと",
    "天之川": "あまのがわ",
    "宗谷": "そうだに",
    "走谷": "はしりだに",
    "山之上": "やまの|うえ",
    "樋之上": "ひの|うえ",
    "池之宮": "いけのみや",
    "山田池": "やまだいけ",
    "公園": "こうえん",
    "養父": "やぶ",
    "養父丘": "やぶがおか",
    "朝日丘": "あさひがおか",
    "松丘": "まつがおか",
    "桜丘": "さくらがおか",
    "菊丘": "きくがおか",
    "都丘": "みやこがおか",
    "渚": "なぎさ",
    "内野": "うちの",
    "翠香園": "すいこうえん",
    "釈尊寺": "しゃくそんじ",
    "高野道": "こうやみち",
    "黄金野": "こがねの",
    "新町": "しんまち",
    "桜町": "さくらまち",
}

# Directions that prefix another name (東香里 = 東 + 香里) become their own romaji word.
DIRECTIONS = {"東": "ひがし", "西": "にし", "南": "みなみ", "北": "きた"}

# Endings that close a name. In Hirakata a bare 町 after a name is ちょう (三矢町, 岡本町), but
# the compounds 北町, 東町, 元町, 本町 ... are まち (伊加賀北町, 片鉾東町, 禁野本町).
SUFFIXES = {
    "北町": "きたまち",
    "南町": "みなみまち",
    "東町": "ひがしまち",
    "西町": "にしまち",
    "中町": "なかまち",
    "元町": "もとまち",
    "本町": "ほんまち",
    "新町": "しんまち",
    "栄町": "さかえまち",
    "緑町": "みどりまち",
    "茶屋町": "ちゃやまち",
    "谷町": "たにまち",
    "寿町": "ことぶきちょう",
    "東之町": "ひがしのちょう",
    "西之町": "にしのちょう",
    "上之町": "かみのちょう",
    "町": "ちょう",
}

CHOME = re.compile(r"[一二三四五六七八九十]+丁目$")
KAKASI = pykakasi.kakasi()


@dataclass(frozen=True)
class Token:
    """One word of a name: its reading, and whether it is the closing 町 suffix."""

    kana: str
    is_suffix: bool = False


def base_name(town: str) -> str:
    """宮之阪三丁目 -> 宮之阪; names without a 丁目 number stay as they are."""
    return CHOME.sub("", town)


def machine_reading(text: str) -> str:
    return "".join(item["hira"] for item in KAKASI.convert(text))


def longest_reading(name: str, start: int) -> str | None:
    """The longest READINGS key that begins at name[start], if any."""
    keys = [key for key in READINGS if name.startswith(key, start)]
    return max(keys, key=len) if keys else None


def tokenize(name: str) -> list[Token]:
    """Split a name into words: hand-checked parts, machine-read runs, then the 町 suffix."""
    tokens: list[Token] = []
    run = ""  # characters no table knows; pykakasi reads them together
    pos = 0
    if name[0] in DIRECTIONS and longest_reading(name, 1):
        tokens.append(Token(DIRECTIONS[name[0]]))
        pos = 1
    while pos < len(name):
        key = longest_reading(name, pos)
        ending = pos > 0 and name[pos:] in SUFFIXES
        if run and (key or ending):
            tokens.append(Token(machine_reading(run)))
            run = ""
        if ending:
            tokens.append(Token(SUFFIXES[name[pos:]], is_suffix=True))
            break
        if key:
            tokens.append(Token(READINGS[key]))
            pos += len(key)
        else:
            run += name[pos]
            pos += 1
    if run:
        tokens.append(Token(machine_reading(run)))
    return tokens


def romanise(kana: str) -> str:
    """Hepburn without macrons (こうり -> kori), ん before a vowel marked by a hyphen."""
    words = []
    for piece in kana.split("|"):
        text = "".join(item["hepburn"] for item in KAKASI.convert(piece)).replace("'", "-")
        words.append(text.replace("ou", "o").replace("oo", "o").replace("uu", "u"))
    return "".join(words)


def readings(name: str) -> tuple[str, str]:
    """(hiragana, romaji): 東香里 -> ("ひがしこうり", "Higashi-Kori"), 三矢町 -> "Mitsuya-cho"."""
    tokens = tokenize(name)
    kana = "".join(token.kana for token in tokens).replace("|", "")
    words = [romanise(t.kana) for t in tokens if not t.is_suffix]
    romaji = "-".join(word[0].upper() + word[1:] for word in words)
    suffixes = [romanise(t.kana) for t in tokens if t.is_suffix]
    return kana, "-".join([romaji, *suffixes])


# --- Geometry ---------------------------------------------------------------------------------


def load_outline(path: Path) -> BaseGeometry:
    data = json.loads(path.read_text(encoding="utf-8"))
    feature = data["features"][0] if data.get("type") == "FeatureCollection" else data
    return shapely.make_valid(shape(feature["geometry"]))


def load_points(path: Path) -> list[tuple[str, Point]]:
    with path.open(encoding="utf-8", newline="") as f:
        return [
            (row["town"], Point(float(row["lng"]), float(row["lat"]))) for row in csv.DictReader(f)
        ]


def voronoi_cells(points: list[Point], outline: BaseGeometry) -> list[BaseGeometry]:
    """One clipped cell per point, in the points' order."""
    envelope = box(*outline.bounds).buffer(ENVELOPE_MARGIN)
    cells = list(voronoi_diagram(MultiPoint(points), envelope=envelope).geoms)
    # The diagram does not keep input order: pair each point with the cell that contains it.
    tree = shapely.STRtree(cells)
    point_idx, cell_idx = tree.query(points, predicate="within")
    by_point = dict(zip(point_idx.tolist(), cell_idx.tolist(), strict=True))
    return [cells[by_point[i]].intersection(outline) for i in range(len(points))]


def dissolve(names: list[str], cells: list[BaseGeometry]) -> dict[str, BaseGeometry]:
    groups: dict[str, list[BaseGeometry]] = defaultdict(list)
    for name, cell in zip(names, cells, strict=True):
        groups[name].append(cell)
    return {name: shapely.union_all(parts) for name, parts in groups.items()}


def polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Keep only the polygon parts (make_valid may return lines beside them)."""
    geom = shapely.make_valid(geom)
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def simplify(areas: dict[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    """Simplify all shapes together so neighbours keep sharing edges (no gaps or slivers)."""
    names = list(areas)
    simplified = shapely.coverage_simplify(list(areas.values()), SIMPLIFY_TOLERANCE)
    snapped = shapely.set_precision(simplified, GRID)
    result = {name: polygonal(geom) for name, geom in zip(names, snapped, strict=True)}
    for name, geom in result.items():
        if geom.is_empty or not geom.is_valid or geom.geom_type not in ("Polygon", "MultiPolygon"):
            raise ValueError(f"{name}: unusable geometry after simplification")
    return result


def rounded(geometry: dict) -> dict:
    """GeoJSON geometry with coordinates written to GRID precision (short numbers)."""

    def walk(value: object) -> object:
        if isinstance(value, (list, tuple)):
            if value and isinstance(value[0], float):
                return [round(c, 5) for c in value]
            return [walk(v) for v in value]
        return value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


# --- Synthetic statistics ---------------------------------------------------------------------

SEED = 27210  # Hirakata's city code
STATS_YEAR = 2020
STATS_SOURCE = (
    "Synthetic demo data calibrated to Hirakata city totals "
    "(2020 census preliminary count; 枚方市人口推計調査 2023)"
)
TOTAL_POPULATION = 397_596
SHARE_0_14 = 0.12
SHARE_65_74 = 0.130
SHARE_75_PLUS = 0.158  # 65+ together: 28.8 %
TOTAL_HOUSEHOLDS = 175_000
TOTAL_ONE_PERSON_65 = 17_500  # about 10 % of households
TOTAL_FOREIGN = 4_100

# Large hillside areas in the east: farmland and forest, few and older residents.
RURAL = {"穂谷", "尊延寺", "杉", "大字穂谷", "大字尊延寺", "大字杉", "大字津田"}
PARKS = {"山田池公園", "王仁公園"}  # mostly parkland

STATS_COLUMNS = [
    "area_code",
    "year",
    "source",
    "pop_0_14",
    "pop_15_64",
    "pop_65_74",
    "pop_75_plus",
    "households",
    "one_person_households_65_plus",
    "foreign_residents",
]


def largest_remainder(weights: list[float], total: int) -> list[int]:
    """Integers proportional to weights that add up to total exactly (Hamilton's method)."""
    scale = total / sum(weights)
    quotas = [w * scale for w in weights]
    result = [math.floor(q) for q in quotas]
    by_remainder = sorted(range(len(quotas)), key=lambda i: (result[i] - quotas[i], i))
    for i in by_remainder[: total - sum(result)]:
        result[i] += 1
    return result


def area_km2(geom: BaseGeometry) -> float:
    """Area in km² from degrees, scaled at Hirakata's latitude (accurate to well under 1 %)."""
    lat = math.radians(geom.centroid.y)
    return geom.area * 111.32 * math.cos(lat) * 110.57


def rake(matrix: list[list[float]], rows: list[float], cols: list[float]) -> None:
    """Scale matrix in place until its row and column sums match the targets (IPF)."""
    for _ in range(200):
        for j, target in enumerate(cols):
            factor = target / sum(row[j] for row in matrix)
            for row in matrix:
                row[j] *= factor
        for row, target in zip(matrix, rows, strict=True):
            factor = target / sum(row)
            row[:] = [v * factor for v in row]


def age_profile(rng: random.Random, rural: bool) -> list[float]:
    """Shares for 0-14, 15-64, 65-74, 75+; older areas have fewer children."""
    old = rng.uniform(0.38, 0.50) if rural else min(max(rng.gauss(0.285, 0.07), 0.15), 0.48)
    young = max(0.12 + 0.4 * (0.288 - old) + rng.gauss(0, 0.015), 0.04)
    over_75 = old * min(max(rng.gauss(0.55, 0.07), 0.35), 0.72)
    return [young, 1 - young - old, old - over_75, over_75]


def population_totals(rng: random.Random, names: list[str], geoms: list[BaseGeometry]) -> list[int]:
    """People per area: land area times a lognormal factor; rural areas and parks thinly."""
    weights = []
    for name, geom in zip(names, geoms, strict=True):
        density = 0.1 if name in RURAL else 0.05 if name in PARKS else 1.0
        weights.append(area_km2(geom) * density * rng.lognormvariate(0, 0.5))
    return largest_remainder(weights, TOTAL_POPULATION)


def age_bands(rng: random.Random, totals: list[int], rural: list[bool]) -> list[list[int]]:
    """Columns 0-14, 15-64, 65-74, 75+: each area adds up, each column hits its city total."""
    targets = largest_remainder(
        [SHARE_0_14, 1 - SHARE_0_14 - SHARE_65_74 - SHARE_75_PLUS, SHARE_65_74, SHARE_75_PLUS],
        TOTAL_POPULATION,
    )
    matrix = [[t * s for s in age_profile(rng, r)] for t, r in zip(totals, rural, strict=True)]
    rake(matrix, [float(t) for t in totals], [float(t) for t in targets])
    # Round the small bands to their exact totals; 15-64 takes what is left in each area.
    young, old, very_old = (
        largest_remainder([row[j] for row in matrix], targets[j]) for j in (0, 2, 3)
    )
    working = [t - a - b - c for t, a, b, c in zip(totals, young, old, very_old, strict=True)]
    return [young, working, old, very_old]


def households(
    rng: random.Random, totals: list[int], over_65: list[int], rural: list[bool]
) -> tuple[list[int], list[int]]:
    """Households, and one-person households aged 65+, each hitting its city total."""
    sizes = []
    for people, older, is_rural in zip(totals, over_65, rural, strict=True):
        # Farming villages keep larger households; ageing suburbs have smaller ones.
        size = 2.6 if is_rural else 2.3 - 1.2 * (older / people - 0.288)
        sizes.append(size * rng.lognormvariate(0, 0.06))
    counts = largest_remainder(
        [t / s for t, s in zip(totals, sizes, strict=True)], TOTAL_HOUSEHOLDS
    )
    alone = largest_remainder(
        [o * rng.lognormvariate(0, 0.25) for o in over_65], TOTAL_ONE_PERSON_65
    )
    return counts, alone


def synthetic_statistics(
    codes: list[str], names: list[str], geoms: list[BaseGeometry]
) -> list[dict]:
    """One row of SYNTHETIC figures per area, the same on every run (seeded)."""
    rng = random.Random(SEED)
    rural = [name in RURAL for name in names]
    totals = population_totals(rng, names, geoms)
    young, working, old, very_old = age_bands(rng, totals, rural)
    over_65 = [a + b for a, b in zip(old, very_old, strict=True)]
    household_counts, alone = households(rng, totals, over_65, rural)
    foreign = largest_remainder([t * rng.lognormvariate(0, 0.7) for t in totals], TOTAL_FOREIGN)
    columns = [young, working, old, very_old, household_counts, alone, foreign]
    rows = []
    for i, code in enumerate(codes):
        values = [code, STATS_YEAR, STATS_SOURCE, *(column[i] for column in columns)]
        rows.append(dict(zip(STATS_COLUMNS, values, strict=True)))
    check_statistics(rows)
    return rows


def check_statistics(rows: list[dict]) -> None:
    """Fail loudly rather than ship figures that contradict themselves."""
    for row in rows:
        people = row["pop_0_14"] + row["pop_15_64"] + row["pop_65_74"] + row["pop_75_plus"]
        over_65 = row["pop_65_74"] + row["pop_75_plus"]
        if (
            min(row[column] for column in STATS_COLUMNS[3:]) < 0
            or row["households"] > people
            or row["foreign_residents"] > people
        ):
            raise ValueError(f"implausible figures for {row['area_code']}: {row}")
        if row["one_person_households_65_plus"] > min(over_65, row["households"]):
            raise ValueError(f"more older people living alone than possible: {row}")


# --- Output -----------------------------------------------------------------------------------


def feature(code: str, name: str, geom: BaseGeometry) -> dict:
    kana, romaji = readings(name)
    properties = {"code": code, "name_ja": name, "name_kana": kana, "name_romaji": romaji}
    return {"type": "Feature", "properties": properties, "geometry": rounded(mapping(geom))}


def write_geojson(path: Path, features: list[dict]) -> None:
    collection = {
        "type": "FeatureCollection",
        "metadata": {
            "description": "Hirakata (枚方市) neighbourhoods for the Outreach demo",
            "boundaries": "approximate boundaries derived from town-block points: Voronoi cells "
            "around Geolonia town-block points, clipped to the city outline and dissolved by "
            "town name (丁目 dropped), then simplified",
            "codes": "D = derived placeholder codes, in kana order; real e-Stat KEY_CODEs "
            "will replace them",
            "readings": "machine-assisted (pykakasi with hand-checked overrides); not official",
            "credits": CREDITS,
            "generated_by": "scripts/derive_neighbourhoods.py",
        },
        "features": features,
    }
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")


def write_statistics(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=STATS_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--outline", type=Path, default=SOURCE_DIR / "city-outline-n03-2019.geojson"
    )
    parser.add_argument("--points", type=Path, default=SOURCE_DIR / "town-points.csv")
    parser.add_argument("--out-dir", type=Path, default=OUT_DIR)
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    outline = load_outline(args.outline)
    points = load_points(args.points)
    cells = voronoi_cells([p for _, p in points], outline)
    areas = simplify(dissolve([base_name(town) for town, _ in points], cells))

    # Codes follow the kana order, so a listing sorted by code reads like a Japanese index.
    names = sorted(areas, key=lambda name: (readings(name)[0], name))
    codes = [f"D{number:03d}" for number in range(1, len(names) + 1)]
    features = [feature(code, name, areas[name]) for code, name in zip(codes, names, strict=True)]
    rows = synthetic_statistics(codes, names, [areas[n] for n in names])

    args.out_dir.mkdir(parents=True, exist_ok=True)
    geojson_path = args.out_dir / "hirakata-neighbourhoods.geojson"
    stats_path = args.out_dir / "hirakata-statistics.csv"
    write_geojson(geojson_path, features)
    write_statistics(stats_path, rows)

    people = sum(r["pop_0_14"] + r["pop_15_64"] + r["pop_65_74"] + r["pop_75_plus"] for r in rows)
    over_65 = sum(r["pop_65_74"] + r["pop_75_plus"] for r in rows)
    print(f"{len(features)} neighbourhoods")
    print(f"{geojson_path.name}: {geojson_path.stat().st_size / 1024:.1f} KB")
    print(f"{stats_path.name}: {stats_path.stat().st_size / 1024:.1f} KB")
    print(f"population {people:,}, aged 65+ {over_65:,} ({over_65 / people:.1%})")
    for column in STATS_COLUMNS[3:]:
        print(f"  {column}: {sum(r[column] for r in rows):,}")


if __name__ == "__main__":
    main()
