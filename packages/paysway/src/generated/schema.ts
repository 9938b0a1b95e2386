// Generated from specs/paysway.openapi.yaml by scripts/generate.mjs. Do not edit by hand: edit the spec and run `pnpm generate`.

export interface paths {
    "/oauth2/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Obtain an access token
         * @description OAuth2 client credentials grant for an M2M client.
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
        /** @description Client credentials grant, sent form-encoded. */
        TokenRequest: {
            /**
             * @description Must be `client_credentials`.
             * @constant
             */
            grant_type: "client_credentials";
            /** @description The M2M client's id. */
            client_id: string;
            /** @description The M2M client's secret. */
            client_secret: string;
        };
        /** @description The issued access token. */
        TokenResponse: {
            /** @description The access token, sent as a bearer token on API calls. */
            access_token: string;
            /** @description Token type, `Bearer` in the document. */
            token_type: string;
            /** @description Lifetime of the token in seconds (3600 in the document). */
            expires_in: number;
        };
        /** @description OAuth2 error body, assumed from RFC 6749 section 5.2 because the document describes none. */
        TokenErrorResponse: {
            /** @description OAuth2 error code, such as `invalid_request`, `invalid_client`, `invalid_grant`, `unauthorized_client`, `unsupported_grant_type` or `invalid_scope`. Other values may appear. */
            error: string;
            /** @description Human-readable explanation of the error. */
            error_description?: string;
            /** @description Link to a page about the error. */
            error_uri?: string;
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
            /** @description Not documented; assumed from RFC 6749 section 5.2 (for example `invalid_request`, `unsupported_grant_type`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenErrorResponse"];
                };
            };
            /** @description Not documented; assumed from RFC 6749 section 5.2 (`invalid_client`: unknown client or wrong secret). */
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
