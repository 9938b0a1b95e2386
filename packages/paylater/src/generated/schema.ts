// Generated from specs/paylater.openapi.yaml by scripts/generate.mjs. Do not edit by hand: edit the spec and run `pnpm generate`.

export interface paths {
    "/auth/realms/api/protocol/openid-connect/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get or refresh an access token
         * @description Keycloak token endpoint of the `api` realm. Use the `client_credentials` grant to obtain a token and the `refresh_token` grant to renew it without re-sending the full client credentials flow.
         */
        post: operations["createToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description A token request, one of the two grants this realm accepts. */
        TokenRequest: components["schemas"]["ClientCredentialsTokenRequest"] | components["schemas"]["RefreshTokenRequest"];
        /** @description Client credentials grant, as documented in the request table and cURL sample. */
        ClientCredentialsTokenRequest: {
            /**
             * @description Always `client_credentials` for this grant. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            grant_type: "client_credentials";
            /** @description Merchant client id. Documented as "Long"; sent as the string of its digits because ids may exceed 2^53. */
            client_id: string;
            /** @description Merchant client secret. */
            client_secret: string;
        };
        /** @description Refresh token grant (Keycloak), used by the documented token life-cycle to renew an access token while the refresh token is valid. */
        RefreshTokenRequest: {
            /**
             * @description Always `refresh_token` for this grant. (enum property replaced by openapi-typescript)
             * @enum {string}
             */
            grant_type: "refresh_token";
            /** @description The `refresh_token` of an earlier token response. */
            refresh_token: string;
            /** @description Merchant client id. Documented as "Long"; sent as the string of its digits because ids may exceed 2^53. */
            client_id: string;
            /** @description Merchant client secret (Keycloak authenticates confidential clients on refresh too). */
            client_secret: string;
        };
        /** @description Keycloak token response. */
        TokenResponse: {
            /** @description The access token (a JWT), sent as a bearer token on API calls. */
            access_token: string;
            /** @description Lifetime of the access token in seconds. */
            expires_in: number;
            /** @description Lifetime of the refresh token in seconds. */
            refresh_expires_in?: number;
            /** @description Refresh token for the `refresh_token` grant. */
            refresh_token?: string;
            /** @description Token type, `Bearer` in the document. */
            token_type: string;
            /** @description Keycloak not-before policy timestamp; `0` when none is set. */
            "not-before-policy"?: number;
            /** @description Keycloak session identifier. */
            session_state?: string;
            /** @description Space-separated scopes granted to the token. */
            scope?: string;
        };
        /** @description Keycloak OAuth2 error body. */
        TokenErrorResponse: {
            /** @description OAuth2 error code. Known values: `invalid_client` (401, wrong client id or secret), `unsupported_grant_type` (400) and `invalid_grant` (400, for example an expired refresh token). Other values may appear. */
            error: string;
            /** @description Human-readable explanation of the error. */
            error_description?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    createToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description Token issued. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description The request was refused, for example `unsupported_grant_type`, or `invalid_grant` when a refresh token is expired or unknown. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenErrorResponse"];
                };
            };
            /** @description The client id or secret is wrong (`invalid_client`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenErrorResponse"];
                };
            };
        };
    };
}
