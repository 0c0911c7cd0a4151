"""The `carts` operations.

`CartsApi` and `AsyncCartsApi` are what `client.carts` is on
a `Client` and an `AsyncClient`. Each also has a request builder (`build_..._request`) that
turns its arguments into the `ApiRequest` a client sends, checking and sending nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import _codecs as c
from .._request import ApiRequest, expand_path, json_body, text_values
from ..models.cart import Cart
from ..models.cart_checkout_result import CartCheckoutResult

if TYPE_CHECKING:
    from ..client import AsyncClient, Client

__all__ = [
    "AsyncCartsApi",
    "CartsApi",
    "build_checkout_request",
    "build_create_request",
    "build_get_request",
    "build_update_request",
]


def build_checkout_request(
    customer_id: str,
    cart_id: str,
    *,
    version: str = "1",
    ms_correlationid: str | None = None,
    ms_cv: str | None = None,
    ms_requestid: str | None = None,
) -> ApiRequest:
    """Check out an existing cart

    Checks out an existing cart: places the orders for its line items. If successful,
    the response body contains the order result information (the orders placed and the
    errors of the line item groups that could not be ordered). Checkout is idempotent:
    calling it again for the same cart returns the original result.

    ``POST /v{version}/customers/{customer_id}/carts/{cart_id}/checkout``

    Args:
        customer_id: A GUID formatted customer-id that identifies the customer (the
            customer's tenant id, shown as the Microsoft ID on the customer's Account
            page in Partner Center).
        cart_id: A GUID formatted cart-id that identifies the cart.
        version: The API version. The documented routes use version 1 (`/v1/...`).
        ms_correlationid: Used for tracking requests internally. If an ms-correlationid
            is not provided, the server will generate a new one for each request. (A
            GUID that ties several calls together.)
        ms_cv: Used for tracking requests internally. If an ms-cv is not provided, the
            server will generate a new one for each request.
        ms_requestid: Used for idempotency of requests. If an ms-requestid is not
            provided, the server will generate a new one for each request. (A GUID: keep
            the same value across the retries of one call, and use a new value for the
            next call.)
    """
    return ApiRequest(
        operation_id="Carts_Checkout",
        method="POST",
        path=expand_path(
            "/v{version}/customers/{customer_id}/carts/{cart_id}/checkout",
            {"customer_id": customer_id, "cart_id": cart_id, "version": version},
        ),
        headers=text_values(
            {
                "ms-correlationid": ms_correlationid,
                "ms-cv": ms_cv,
                "ms-requestid": ms_requestid,
            }
        ),
    )


def build_create_request(
    customer_id: str,
    cart: Cart,
    *,
    version: str = "1",
    ms_correlationid: str | None = None,
    ms_cv: str | None = None,
    ms_requestid: str | None = None,
) -> ApiRequest:
    """Create a cart

    Creates a cart for a customer from the given line items (`lineItems` is required).
    If successful, returns the created cart, with its `id`, timestamps and line item ids
    filled in. The public docs say a cart expires 7 days after creation (see
    `expirationTimestamp`).

    ``POST /v{version}/customers/{customer_id}/carts``

    Args:
        customer_id: A GUID formatted customer-id that identifies the customer (the
            customer's tenant id, shown as the Microsoft ID on the customer's Account
            page in Partner Center).
        cart: The cart to create.
        version: The API version. The documented routes use version 1 (`/v1/...`).
        ms_correlationid: Used for tracking requests internally. If an ms-correlationid
            is not provided, the server will generate a new one for each request. (A
            GUID that ties several calls together.)
        ms_cv: Used for tracking requests internally. If an ms-cv is not provided, the
            server will generate a new one for each request.
        ms_requestid: Used for idempotency of requests. If an ms-requestid is not
            provided, the server will generate a new one for each request. (A GUID: keep
            the same value across the retries of one call, and use a new value for the
            next call.)
    """
    return ApiRequest(
        operation_id="Carts_Create",
        method="POST",
        path=expand_path(
            "/v{version}/customers/{customer_id}/carts",
            {"customer_id": customer_id, "version": version},
        ),
        headers=text_values(
            {
                "ms-correlationid": ms_correlationid,
                "ms-cv": ms_cv,
                "ms-requestid": ms_requestid,
            }
        ),
        body=json_body(c.model(Cart).encode(cart)),
    )


def build_get_request(
    customer_id: str,
    cart_id: str,
    *,
    version: str = "1",
    ms_correlationid: str | None = None,
    ms_cv: str | None = None,
    ms_requestid: str | None = None,
) -> ApiRequest:
    """Get a cart

    Gets a customer's cart by its id. If successful, returns the cart in the response
    body.

    ``GET /v{version}/customers/{customer_id}/carts/{cart_id}``

    Args:
        customer_id: A GUID formatted customer-id that identifies the customer (the
            customer's tenant id, shown as the Microsoft ID on the customer's Account
            page in Partner Center).
        cart_id: A GUID formatted cart-id that identifies the cart.
        version: The API version. The documented routes use version 1 (`/v1/...`).
        ms_correlationid: Used for tracking requests internally. If an ms-correlationid
            is not provided, the server will generate a new one for each request. (A
            GUID that ties several calls together.)
        ms_cv: Used for tracking requests internally. If an ms-cv is not provided, the
            server will generate a new one for each request.
        ms_requestid: Used for idempotency of requests. If an ms-requestid is not
            provided, the server will generate a new one for each request. (A GUID: keep
            the same value across the retries of one call, and use a new value for the
            next call.)
    """
    return ApiRequest(
        operation_id="Carts_Get",
        method="GET",
        path=expand_path(
            "/v{version}/customers/{customer_id}/carts/{cart_id}",
            {"customer_id": customer_id, "cart_id": cart_id, "version": version},
        ),
        headers=text_values(
            {
                "ms-correlationid": ms_correlationid,
                "ms-cv": ms_cv,
                "ms-requestid": ms_requestid,
            }
        ),
    )


def build_update_request(
    customer_id: str,
    cart_id: str,
    cart: Cart,
    *,
    version: str = "1",
    ms_correlationid: str | None = None,
    ms_cv: str | None = None,
    ms_requestid: str | None = None,
) -> ApiRequest:
    """Update an existing cart

    Updates an existing cart: how to update an order for a customer in a cart. Get the
    cart (`Carts_Get`), make the necessary changes to it (for example, change a line
    item's quantity), then send the whole cart back with this operation. If successful,
    returns the populated cart in the response body. Supports authentication with both
    standalone App and App+User credentials.

    ``PUT /v{version}/customers/{customer_id}/carts/{cart_id}``

    Args:
        customer_id: A GUID formatted customer-id that identifies the customer (the
            customer's tenant id, shown as the Microsoft ID on the customer's Account
            page in Partner Center).
        cart_id: A GUID formatted cart-id that identifies the cart.
        cart: The whole cart, with the changes made.
        version: The API version. The documented routes use version 1 (`/v1/...`).
        ms_correlationid: Used for tracking requests internally. If an ms-correlationid
            is not provided, the server will generate a new one for each request. (A
            GUID that ties several calls together.)
        ms_cv: Used for tracking requests internally. If an ms-cv is not provided, the
            server will generate a new one for each request.
        ms_requestid: Used for idempotency of requests. If an ms-requestid is not
            provided, the server will generate a new one for each request. (A GUID: keep
            the same value across the retries of one call, and use a new value for the
            next call.)
    """
    return ApiRequest(
        operation_id="Carts_Update",
        method="PUT",
        path=expand_path(
            "/v{version}/customers/{customer_id}/carts/{cart_id}",
            {"customer_id": customer_id, "cart_id": cart_id, "version": version},
        ),
        headers=text_values(
            {
                "ms-correlationid": ms_correlationid,
                "ms-cv": ms_cv,
                "ms-requestid": ms_requestid,
            }
        ),
        body=json_body(c.model(Cart).encode(cart)),
    )


class CartsApi:
    """Carts of a customer: create a cart of catalog items, read it, update it, and check
    it out to place the orders. There is no list or delete operation on carts.
    """

    def __init__(self, client: Client) -> None:
        self._client = client

    def checkout(
        self,
        customer_id: str,
        cart_id: str,
        *,
        ms_correlationid: str | None = None,
        ms_cv: str | None = None,
        ms_requestid: str | None = None,
    ) -> CartCheckoutResult:
        """Check out an existing cart

        Checks out an existing cart: places the orders for its line items. If
        successful, the response body contains the order result information (the orders
        placed and the errors of the line item groups that could not be ordered).
        Checkout is idempotent: calling it again for the same cart returns the original
        result.

        ``POST /v{version}/customers/{customer_id}/carts/{cart_id}/checkout``

        Args:
            customer_id: A GUID formatted customer-id that identifies the customer (the
                customer's tenant id, shown as the Microsoft ID on the customer's
                Account page in Partner Center).
            cart_id: A GUID formatted cart-id that identifies the cart.
            ms_correlationid: Used for tracking requests internally. If an
                ms-correlationid is not provided, the server will generate a new one for
                each request. (A GUID that ties several calls together.)
            ms_cv: Used for tracking requests internally. If an ms-cv is not provided,
                the server will generate a new one for each request.
            ms_requestid: Used for idempotency of requests. If an ms-requestid is not
                provided, the server will generate a new one for each request. (A GUID:
                keep the same value across the retries of one call, and use a new value
                for the next call.)

        Returns:
            CartCheckoutResult: OK / The request succeeded. The response body contains
                the order result information.

        Raises:
            ApiError: the subclass for the status (400, 401, 403, 404, 429, 500), after
                any retries.
        """
        return self._client.send(
            build_checkout_request(
                customer_id=customer_id,
                cart_id=cart_id,
                version=self._client.version,
                ms_correlationid=ms_correlationid,
                ms_cv=ms_cv,
                ms_requestid=ms_requestid,
            ),
            c.model(CartCheckoutResult),
        )

    def create(
        self,
        customer_id: str,
        cart: Cart,
        *,
        ms_correlationid: str | None = None,
        ms_cv: str | None = None,
        ms_requestid: str | None = None,
    ) -> Cart:
        """Create a cart

        Creates a cart for a customer from the given line items (`lineItems` is
        required). If successful, returns the created cart, with its `id`, timestamps
        and line item ids filled in. The public docs say a cart expires 7 days after
        creation (see `expirationTimestamp`).

        ``POST /v{version}/customers/{customer_id}/carts``

        Args:
            customer_id: A GUID formatted customer-id that identifies the customer (the
                customer's tenant id, shown as the Microsoft ID on the customer's
                Account page in Partner Center).
            cart: The cart to create.
            ms_correlationid: Used for tracking requests internally. If an
                ms-correlationid is not provided, the server will generate a new one for
                each request. (A GUID that ties several calls together.)
            ms_cv: Used for tracking requests internally. If an ms-cv is not provided,
                the server will generate a new one for each request.
            ms_requestid: Used for idempotency of requests. If an ms-requestid is not
                provided, the server will generate a new one for each request. (A GUID:
                keep the same value across the retries of one call, and use a new value
                for the next call.)

        Returns:
            Cart: The request succeeded. The response body contains the created cart.

        Raises:
            ApiError: the subclass for the status (400, 401, 403, 404, 429, 500), after
                any retries.
        """
        return self._client.send(
            build_create_request(
                customer_id=customer_id,
                cart=cart,
                version=self._client.version,
                ms_correlationid=ms_correlationid,
                ms_cv=ms_cv,
                ms_requestid=ms_requestid,
            ),
            c.model(Cart),
        )

    def get(
        self,
        customer_id: str,
        cart_id: str,
        *,
        ms_correlationid: str | None = None,
        ms_cv: str | None = None,
        ms_requestid: str | None = None,
    ) -> Cart:
        """Get a cart

        Gets a customer's cart by its id. If successful, returns the cart in the
        response body.

        ``GET /v{version}/customers/{customer_id}/carts/{cart_id}``

        Args:
            customer_id: A GUID formatted customer-id that identifies the customer (the
                customer's tenant id, shown as the Microsoft ID on the customer's
                Account page in Partner Center).
            cart_id: A GUID formatted cart-id that identifies the cart.
            ms_correlationid: Used for tracking requests internally. If an
                ms-correlationid is not provided, the server will generate a new one for
                each request. (A GUID that ties several calls together.)
            ms_cv: Used for tracking requests internally. If an ms-cv is not provided,
                the server will generate a new one for each request.
            ms_requestid: Used for idempotency of requests. If an ms-requestid is not
                provided, the server will generate a new one for each request. (A GUID:
                keep the same value across the retries of one call, and use a new value
                for the next call.)

        Returns:
            Cart: The request succeeded. The response body contains the cart.

        Raises:
            ApiError: the subclass for the status (400, 401, 403, 404, 429, 500), after
                any retries.
        """
        return self._client.send(
            build_get_request(
                customer_id=customer_id,
                cart_id=cart_id,
                version=self._client.version,
                ms_correlationid=ms_correlationid,
                ms_cv=ms_cv,
                ms_requestid=ms_requestid,
            ),
            c.model(Cart),
        )

    def update(
        self,
        customer_id: str,
        cart_id: str,
        cart: Cart,
        *,
        ms_correlationid: str | None = None,
        ms_cv: str | None = None,
        ms_requestid: str | None = None,
    ) -> Cart:
        """Update an existing cart

        Updates an existing cart: how to update an order for a customer in a cart. Get
        the cart (`Carts_Get`), make the necessary changes to it (for example, change a
        line item's quantity), then send the whole cart back with this operation. If
        successful, returns the populated cart in the response body. Supports
        authentication with both standalone App and App+User credentials.

        ``PUT /v{version}/customers/{customer_id}/carts/{cart_id}``

        Args:
            customer_id: A GUID formatted customer-id that identifies the customer (the
                customer's tenant id, shown as the Microsoft ID on the customer's
                Account page in Partner Center).
            cart_id: A GUID formatted cart-id that identifies the cart.
            cart: The whole cart, with the changes made.
            ms_correlationid: Used for tracking requests internally. If an
                ms-correlationid is not provided, the server will generate a new one for
                each request. (A GUID that ties several calls together.)
            ms_cv: Used for tracking requests internally. If an ms-cv is not provided,
                the server will generate a new one for each request.
            ms_requestid: Used for idempotency of requests. If an ms-requestid is not
                provided, the server will generate a new one for each request. (A GUID:
                keep the same value across the retries of one call, and use a new value
                for the next call.)

        Returns:
            Cart: OK / The request succeeded. The response body contains the cart.

        Raises:
            ApiError: the subclass for the status (400, 401, 403, 404, 429, 500), after
                any retries.
        """
        return self._client.send(
            build_update_request(
                customer_id=customer_id,
                cart_id=cart_id,
                cart=cart,
                version=self._client.version,
                ms_correlationid=ms_correlationid,
                ms_cv=ms_cv,
                ms_requestid=ms_requestid,
            ),
            c.model(Cart),
        )


class AsyncCartsApi:
    """Carts of a customer: create a cart of catalog items, read it, update it, and check
    it out to place the orders. There is no list or delete operation on carts.
    """

    def __init__(self, client: AsyncClient) -> None:
        self._client = client

    async def checkout(
        self,
        customer_id: str,
        cart_id: str,
        *,
        ms_correlationid: str | None = None,
        ms_cv: str | None = None,
        ms_requestid: str | None = None,
    ) -> CartCheckoutResult:
        """Check out an existing cart

        Checks out an existing cart: places the orders for its line items. If
        successful, the response body contains the order result information (the orders
        placed and the errors of the line item groups that could not be ordered).
        Checkout is idempotent: calling it again for the same cart returns the original
        result.

        ``POST /v{version}/customers/{customer_id}/carts/{cart_id}/checkout``

        Args:
            customer_id: A GUID formatted customer-id that identifies the customer (the
                customer's tenant id, shown as the Microsoft ID on the customer's
                Account page in Partner Center).
            cart_id: A GUID formatted cart-id that identifies the cart.
            ms_correlationid: Used for tracking requests internally. If an
                ms-correlationid is not provided, the server will generate a new one for
                each request. (A GUID that ties several calls together.)
            ms_cv: Used for tracking requests internally. If an ms-cv is not provided,
                the server will generate a new one for each request.
            ms_requestid: Used for idempotency of requests. If an ms-requestid is not
                provided, the server will generate a new one for each request. (A GUID:
                keep the same value across the retries of one call, and use a new value
                for the next call.)

        Returns:
            CartCheckoutResult: OK / The request succeeded. The response body contains
                the order result information.

        Raises:
            ApiError: the subclass for the status (400, 401, 403, 404, 429, 500), after
                any retries.
        """
        return await self._client.send(
            build_checkout_request(
                customer_id=customer_id,
                cart_id=cart_id,
                version=self._client.version,
                ms_correlationid=ms_correlationid,
                ms_cv=ms_cv,
                ms_requestid=ms_requestid,
            ),
            c.model(CartCheckoutResult),
        )

    async def create(
        self,
        customer_id: str,
        cart: Cart,
        *,
        ms_correlationid: str | None = None,
        ms_cv: str | None = None,
        ms_requestid: str | None = None,
    ) -> Cart:
        """Create a cart

        Creates a cart for a customer from the given line items (`lineItems` is
        required). If successful, returns the created cart, with its `id`, timestamps
        and line item ids filled in. The public docs say a cart expires 7 days after
        creation (see `expirationTimestamp`).

        ``POST /v{version}/customers/{customer_id}/carts``

        Args:
            customer_id: A GUID formatted customer-id that identifies the customer (the
                customer's tenant id, shown as the Microsoft ID on the customer's
                Account page in Partner Center).
            cart: The cart to create.
            ms_correlationid: Used for tracking requests internally. If an
                ms-correlationid is not provided, the server will generate a new one for
                each request. (A GUID that ties several calls together.)
            ms_cv: Used for tracking requests internally. If an ms-cv is not provided,
                the server will generate a new one for each request.
            ms_requestid: Used for idempotency of requests. If an ms-requestid is not
                provided, the server will generate a new one for each request. (A GUID:
                keep the same value across the retries of one call, and use a new value
                for the next call.)

        Returns:
            Cart: The request succeeded. The response body contains the created cart.

        Raises:
            ApiError: the subclass for the status (400, 401, 403, 404, 429, 500), after
                any retries.
        """
        return await self._client.send(
            build_create_request(
                customer_id=customer_id,
                cart=cart,
                version=self._client.version,
                ms_correlationid=ms_correlationid,
                ms_cv=ms_cv,
                ms_requestid=ms_requestid,
            ),
            c.model(Cart),
        )

    async def get(
        self,
        customer_id: str,
        cart_id: str,
        *,
        ms_correlationid: str | None = None,
        ms_cv: str | None = None,
        ms_requestid: str | None = None,
    ) -> Cart:
        """Get a cart

        Gets a customer's cart by its id. If successful, returns the cart in the
        response body.

        ``GET /v{version}/customers/{customer_id}/carts/{cart_id}``

        Args:
            customer_id: A GUID formatted customer-id that identifies the customer (the
                customer's tenant id, shown as the Microsoft ID on the customer's
                Account page in Partner Center).
            cart_id: A GUID formatted cart-id that identifies the cart.
            ms_correlationid: Used for tracking requests internally. If an
                ms-correlationid is not provided, the server will generate a new one for
                each request. (A GUID that ties several calls together.)
            ms_cv: Used for tracking requests internally. If an ms-cv is not provided,
                the server will generate a new one for each request.
            ms_requestid: Used for idempotency of requests. If an ms-requestid is not
                provided, the server will generate a new one for each request. (A GUID:
                keep the same value across the retries of one call, and use a new value
                for the next call.)

        Returns:
            Cart: The request succeeded. The response body contains the cart.

        Raises:
            ApiError: the subclass for the status (400, 401, 403, 404, 429, 500), after
                any retries.
        """
        return await self._client.send(
            build_get_request(
                customer_id=customer_id,
                cart_id=cart_id,
                version=self._client.version,
                ms_correlationid=ms_correlationid,
                ms_cv=ms_cv,
                ms_requestid=ms_requestid,
            ),
            c.model(Cart),
        )

    async def update(
        self,
        customer_id: str,
        cart_id: str,
        cart: Cart,
        *,
        ms_correlationid: str | None = None,
        ms_cv: str | None = None,
        ms_requestid: str | None = None,
    ) -> Cart:
        """Update an existing cart

        Updates an existing cart: how to update an order for a customer in a cart. Get
        the cart (`Carts_Get`), make the necessary changes to it (for example, change a
        line item's quantity), then send the whole cart back with this operation. If
        successful, returns the populated cart in the response body. Supports
        authentication with both standalone App and App+User credentials.

        ``PUT /v{version}/customers/{customer_id}/carts/{cart_id}``

        Args:
            customer_id: A GUID formatted customer-id that identifies the customer (the
                customer's tenant id, shown as the Microsoft ID on the customer's
                Account page in Partner Center).
            cart_id: A GUID formatted cart-id that identifies the cart.
            cart: The whole cart, with the changes made.
            ms_correlationid: Used for tracking requests internally. If an
                ms-correlationid is not provided, the server will generate a new one for
                each request. (A GUID that ties several calls together.)
            ms_cv: Used for tracking requests internally. If an ms-cv is not provided,
                the server will generate a new one for each request.
            ms_requestid: Used for idempotency of requests. If an ms-requestid is not
                provided, the server will generate a new one for each request. (A GUID:
                keep the same value across the retries of one call, and use a new value
                for the next call.)

        Returns:
            Cart: OK / The request succeeded. The response body contains the cart.

        Raises:
            ApiError: the subclass for the status (400, 401, 403, 404, 429, 500), after
                any retries.
        """
        return await self._client.send(
            build_update_request(
                customer_id=customer_id,
                cart_id=cart_id,
                cart=cart,
                version=self._client.version,
                ms_correlationid=ms_correlationid,
                ms_cv=ms_cv,
                ms_requestid=ms_requestid,
            ),
            c.model(Cart),
        )
