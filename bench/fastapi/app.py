"""A contender of bench/shop: the shop sample's product routes in FastAPI, as its users write
them for speed: asyncpg (statements prepared and cached per connection), orjson responses,
pydantic for the request body, PyJWT for the shop's tokens. Served by uvicorn with 2 workers.

GET /products/{id} and GET /products?limit=N (first page by id) show active products to
anonymous callers and customers, every product to admins and staff; POST /products is for
admins and staff. DATABASE_URL (postgres, search_path honoured) and JWT_SECRET as for the shop.
GET /products/{id}/image (bench/files) serves a product's image, stored by the shop in
FILE_STORAGE, with Starlette's FileResponse behind the same rule as GET /products/{id}.
"""
import os
import uuid
from contextlib import asynccontextmanager
from decimal import Decimal
from typing import Any, Optional
from urllib.parse import parse_qs, urlsplit

import asyncpg
import jwt
import orjson
from fastapi import FastAPI, HTTPException, Request, Response
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

COLUMNS = "id, name, description, sku, price, stock, active, category_id, image, attributes::text"
SECRET = os.environ.get("JWT_SECRET", "x" * 32)
STORAGE = os.environ.get("FILE_STORAGE", "files")
pool: Optional[asyncpg.Pool] = None


@asynccontextmanager
async def lifespan(_: FastAPI):
    global pool
    parts = urlsplit(os.environ["DATABASE_URL"])
    query = parse_qs(parts.query)
    settings = {"search_path": query["search_path"][0]} if "search_path" in query else {}
    # Ten connections per worker: twenty in all, as the other contenders.
    pool = await asyncpg.create_pool(parts._replace(query="").geturl(), min_size=10, max_size=10, server_settings=settings, ssl=False)
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)


def default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError


def product(row: asyncpg.Record) -> dict:
    item = {
        "id": str(row["id"]).upper(),
        "name": row["name"],
        "sku": row["sku"],
        "price": row["price"],
        "stock": row["stock"],
        "active": row["active"],
        "attributes": orjson.Fragment(row["attributes"]),
    }
    for key, column in (("description", "description"), ("categoryId", "category_id"), ("image", "image")):
        if row[column] is not None:
            item[key] = str(row[column]).upper() if key == "categoryId" else row[column]
    return item


def answer(body: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(body, default=default), status_code=status, media_type="application/json")


async def role(request: Request) -> Optional[str]:
    header = request.headers.get("authorization")
    if header is None:
        return None
    try:
        claims = jwt.decode(header.removeprefix("Bearer "), SECRET, algorithms=["HS256"])
        user = uuid.UUID(claims["sub"])
    except Exception:
        raise HTTPException(401)
    found = await pool.fetchval("SELECT role FROM users WHERE id = $1", user)
    if found is None:
        raise HTTPException(401)
    return found


@app.get("/products/{product_id}")
async def get_product(product_id: uuid.UUID, request: Request) -> Response:
    everything = await role(request) in ("admin", "staff")
    row = await pool.fetchrow(f"SELECT {COLUMNS} FROM products WHERE id = $1 AND (active OR $2)", product_id, everything)
    if row is None:
        raise HTTPException(404)
    return answer(product(row))


@app.get("/products/{product_id}/image")
async def get_product_image(product_id: uuid.UUID, request: Request) -> Response:
    everything = await role(request) in ("admin", "staff")
    image = await pool.fetchval("SELECT image::text FROM products WHERE id = $1 AND (active OR $2)", product_id, everything)
    if image is None:
        raise HTTPException(404)
    file = orjson.loads(image)
    return FileResponse(os.path.join(STORAGE, file["key"]), media_type=file["mediaType"], headers={"etag": f'"{file["sha256"]}"'})


@app.get("/products")
async def list_products(request: Request, limit: int = 50) -> Response:
    if not 1 <= limit <= 200:
        raise HTTPException(400)
    everything = await role(request) in ("admin", "staff")
    rows = await pool.fetch(f"SELECT {COLUMNS} FROM products WHERE active OR $2 ORDER BY id LIMIT $1", limit + 1, everything)
    return answer({"items": [product(row) for row in rows[:limit]], "limit": limit, "offset": 0,
                   "nextOffset": limit if len(rows) > limit else None})


class ProductInput(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    description: Optional[str] = Field(default=None, max_length=10_000)
    sku: str = Field(pattern=r"^[A-Z0-9-]{3,32}$")
    price: Decimal = Field(ge=0)
    stock: int = Field(default=0, ge=0)
    active: bool = True
    categoryId: Optional[uuid.UUID] = None
    image: Optional[str] = None
    attributes: Any = Field(default_factory=dict)


@app.post("/products", status_code=201)
async def create_product(body: ProductInput, request: Request) -> Response:
    if await role(request) not in ("admin", "staff"):
        raise HTTPException(403)
    if not (body.price > 0 or not body.active):
        raise HTTPException(422)
    attributes = orjson.dumps(body.attributes, option=orjson.OPT_SORT_KEYS).decode()
    row = await pool.fetchrow(
        f"INSERT INTO products (id, name, description, sku, price, stock, active, category_id, image, attributes) "
        f"VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::json) RETURNING {COLUMNS}",
        uuid.uuid4(), body.name, body.description, body.sku, body.price, body.stock, body.active, body.categoryId,
        body.image, attributes)
    return answer(product(row), 201)
