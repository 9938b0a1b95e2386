// Generated from specs/alternative-payments.openapi.yaml by scripts/generate.mjs. Do not edit by hand: edit the spec and run `pnpm generate`.

export interface paths {
    "/oauth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get OAuth2 access token
         * @description OAuth2 client credentials flow. The client id and client secret are sent as HTTP Basic credentials (`Authorization: Basic base64(client_id:client_secret)`); the returned access token is then used as a bearer token.
         */
        post: operations["createOAuthToken"];
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
        /** @description Form body of the client credentials grant; the credentials travel in the Authorization header. */
        TokenRequest: {
            /**
             * @description OAuth2 grant type; must be `client_credentials`.
             * @constant
             */
            grant_type: "client_credentials";
        };
        /** @description OAuth2 access token response with the bearer token and its lifetime. */
        TokenResponse: {
            /** @description The access token, sent as a bearer token in the Authorization header of API calls. */
            access_token: string;
            /** @description Lifetime of the token in seconds from issuance (3600 in the document's example). */
            expires_in: number;
            /** @description Token type, always lowercase `bearer` for this provider. The SDK sends the token with the `Bearer` scheme regardless of case. */
            token_type: string;
        };
        /** @description Body of the 403 "Invalid credentials" response, an object of string values. */
        TokenErrorResponse: {
            [key: string]: string;
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
    createOAuthToken: {
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
            /** @description Successfully generated OAuth2 access token. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description Invalid credentials. */
            403: {
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
