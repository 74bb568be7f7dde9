"""A stand-in Nominatim: ``GET /search?q=...&format=jsonv2&addressdetails=1&limit=1``.

Answers in Nominatim's jsonv2 shape from the demo places, with a forgiving match (accents,
case, "str." for "straße", typos of a letter or two, exonyms such as Munich). Like the real
service it refuses requests without an identifying User-Agent (403) and answers 429 to a
client that asks faster than its usage policy allows.
"""

from __future__ import annotations

import difflib
import re
import time
import unicodedata
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse

from salesdesk.server.demo_upstreams.data import PLACES, DemoPlace
from salesdesk.server.demo_upstreams.settings import DemoSettings

LICENCE = "Data © OpenStreetMap contributors, ODbL 1.0. http://osm.org/copyright"
_GENERIC_AGENTS = ("python-httpx", "python-requests", "python-urllib", "curl/")
_STOPWORDS = frozenset(
    {
        "ul",
        "ulica",
        "rue",
        "via",
        "calle",
        "carrer",
        "de",
        "la",
        "des",
        "du",
        "da",
        "di",
        "der",
        "am",
        "the",
        "and",
    }
)
_MIN_SCORE = 0.75


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # "Friedrichstr. 68" and "Friedrichstrasse 68" are the same street.
    return re.sub(r"(?<=\w)str\b\.?", "strasse", folded)


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[^\w]+", _fold(text)) if t and t not in _STOPWORDS]


def _place_tokens(place: DemoPlace) -> set[str]:
    parts = [place.road, place.house_number, place.postcode, place.city, place.country]
    parts += [place.suburb or "", *place.aliases, place.postcode.replace(" ", "")]
    tokens = {t for part in parts for t in _tokens(part)}
    # "Mariahilferstrasse" typed as one word matches "Mariahilfer Straße".
    tokens.add("".join(_tokens(place.road)))
    return tokens


def _street_tokens(place: DemoPlace) -> set[str]:
    return {*_tokens(place.road), "".join(_tokens(place.road))} | {
        t for alias in place.aliases for t in _tokens(alias)
    }


# The demo knows houses only: a query must name the street (a bare city finds nothing).
_INDEX = [(p, _place_tokens(p), _street_tokens(p)) for p in PLACES]


def _matches(token: str, candidates: set[str]) -> bool:
    if token in candidates:
        return True
    if token.isdigit() or len(token) < 4:
        return False  # numbers (house numbers, postcodes) must match exactly
    return any(difflib.SequenceMatcher(None, token, c).ratio() >= 0.8 for c in candidates)


def search(query: str, countrycodes: set[str] | None = None) -> DemoPlace | None:
    tokens = _tokens(query)
    if not tokens:
        return None
    best: tuple[float, DemoPlace] | None = None
    for place, place_tokens, street_tokens in _INDEX:
        if countrycodes and place.country_code not in countrycodes:
            continue
        matched = [t for t in tokens if _matches(t, place_tokens)]
        if not any(_matches(t, street_tokens) for t in matched):
            continue
        score = len(matched) / len(tokens)
        if score >= _MIN_SCORE and (best is None or score > best[0]):
            best = (score, place)
    return best[1] if best else None


def _jsonv2(place: DemoPlace, index: int) -> dict[str, Any]:
    address: dict[str, str] = {"house_number": place.house_number, "road": place.road}
    if place.suburb:
        address["suburb"] = place.suburb
    address.update(
        city=place.city,
        postcode=place.postcode,
        country=place.country,
        country_code=place.country_code,
    )
    display = ", ".join(
        part
        for part in (
            place.house_number,
            place.road,
            place.suburb,
            place.city,
            place.postcode,
            place.country,
        )
        if part
    )
    lat, lon = float(place.lat), float(place.lon)
    return {
        "place_id": 100_000 + index,
        "licence": LICENCE,
        "osm_type": "node",
        "osm_id": 2_000_000_000 + index,
        "lat": place.lat,
        "lon": place.lon,
        "category": "place",
        "type": "house",
        "place_rank": 30,
        "importance": 0.00009999999999998899,
        "addresstype": "place",
        "name": "",
        "display_name": display,
        "address": address,
        "boundingbox": [
            f"{lat - 0.0001:.7f}",
            f"{lat + 0.0001:.7f}",
            f"{lon - 0.0001:.7f}",
            f"{lon + 0.0001:.7f}",
        ],
    }


def make_nominatim_app(settings: DemoSettings) -> FastAPI:
    app = FastAPI(title="Demo Nominatim", openapi_url=None)
    last_seen: dict[str, float] = {}

    @app.get("/status")
    async def status() -> PlainTextResponse:
        return PlainTextResponse("OK")

    @app.get("/search", response_model=None)
    async def search_endpoint(request: Request) -> JSONResponse | HTMLResponse:
        agent = request.headers.get("user-agent", "").strip()
        if not agent or agent.lower().startswith(_GENERIC_AGENTS):
            page = "<html><body><h1>Access blocked</h1><p>See the usage policy.</p></body></html>"
            return HTMLResponse(page, status_code=403)
        now = time.monotonic()
        previous = last_seen.get(agent)
        last_seen[agent] = now
        if previous is not None and now - previous < settings.nominatim_min_interval_s:
            return JSONResponse({"error": "Too many requests"}, status_code=429)
        params = request.query_params
        if params.get("format", "xml") not in ("jsonv2", "json"):
            return JSONResponse({"error": {"code": 400, "message": "Unsupported format"}}, 400)
        query = params.get("q", "")
        codes = {c.strip().lower() for c in params.get("countrycodes", "").split(",") if c.strip()}
        place = search(query, codes or None)
        results = [_jsonv2(place, PLACES.index(place))] if place is not None else []
        return JSONResponse(results)

    return app
