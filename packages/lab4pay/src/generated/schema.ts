// Generated from specs/lab4pay.openapi.yaml by scripts/generate.mjs. Do not edit by hand: edit the spec and run `pnpm generate`.

export interface paths {
    "/v1/auth/token/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Get an access token
         * @description Exchanges the client credentials obtained during Pairing for an access token. Authentication is required for every request except Pairing.
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
        /** @description Credentials returned by Pairing, sent as JSON. */
        AuthenticationTokenBody: {
            /**
             * @description Grant type. The documented default is `client_credentials`.
             * @default client_credentials
             */
            grant_type: string;
            /** @description Client ID returned by the Pairing process. */
            client_id: string;
            /** @description Client secret returned by the Pairing process. */
            client_secret: string;
        };
        /** @description The issued access token. */
        AuthenticationTokenResponse: {
            /** @description The access token, sent as a bearer token on later API calls. */
            access_token: string;
            /** @description Token validity: a number of seconds serialized as a string (for example "3600"), as documented. The SDK parses it; a value that is not a number is an error. */
            expires_in: string;
            /**
             * @description Token type; documented default `Bearer`.
             * @default Bearer
             */
            token_type: string;
            /**
             * @description Scope of the token; documented default `default`.
             * @default default
             */
            scope: string;
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
                "application/json": components["schemas"]["AuthenticationTokenBody"];
            };
        };
        responses: {
            /** @description Successful operation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuthenticationTokenResponse"];
                };
            };
            /** @description Bad Request (no response body is documented). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Internal Server Error (no response body is documented). */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
