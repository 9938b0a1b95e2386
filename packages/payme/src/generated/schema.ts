// Generated from specs/payme.openapi.yaml by scripts/generate.mjs. Do not edit by hand: edit the spec and run `pnpm generate`.

export interface paths {
    "/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Generate an access token
         * @description Generates an access token from the `client_id` and `client_secret` credentials (OAuth 2.0 client credentials flow).
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
        /** @description JSON body of the client credentials request. */
        TokenRequest: {
            /**
             * @description Action to run; always `authorize`.
             * @constant
             */
            action: "authorize";
            /**
             * @description Authorization method; always `client_credentials`.
             * @constant
             */
            grant_type: "client_credentials";
            /** @description Base URL of the API ("URL base del API") of the environment the token is for. The document shows only a placeholder. */
            audience: string;
            /** @description Client identifier (credential). */
            client_id: string;
            /** @description Client secret (credential). */
            client_secret: string;
            /**
             * @description Requested permissions, space-separated. Documented scopes: `create:token` (mandatory to generate tokens), `post:charges` (create charges and authorizations), `get:charges` (query transactions) and `delete:charges` (cancel transactions).
             * @default create:token post:charges get:charges delete:charges
             */
            scope: string;
        };
        /** @description Result of the authorization. When `success` is true the token fields are present; when it is false the SDK reports a failure carrying `authorization.meta.status`. */
        TokenResponse: {
            /** @description Action that was run (`authorize`). */
            action?: string;
            /** @description Whether the token was issued. */
            success: boolean;
            /** @description The generated access token. */
            access_token?: string;
            /** @description Permissions of the token, space-separated. */
            scope?: string;
            /** @description Lifetime of the token in seconds. */
            expires_in?: number;
            /** @description Token type (`Bearer`). */
            token_type?: string;
            authorization?: components["schemas"]["AuthorizationMetadata"];
        };
        /** @description Metadata of the authorization flow. */
        AuthorizationMetadata: {
            /** @description Metadata of the authorization, holding its status. */
            meta?: {
                status?: components["schemas"]["AuthorizationStatus"];
            };
        };
        /** @description Outcome of the authorization, with a code and localized messages. */
        AuthorizationStatus: {
            /** @description Status code (`00` in the document's successful sample). */
            code?: string;
            /** @description The status message in one or more locales. */
            message_ilgn?: {
                /** @description Locale of the message, for example `es_PE`. */
                locale?: string;
                /** @description The message text. */
                value?: string;
            }[];
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
            header: {
                /** @description API version ("Versión del API"); always `1709847567`, on API calls too. */
                "ALG-API-VERSION": "1709847567";
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description Authorization processed. Check `success`: when it is false the token was not issued and `authorization.meta.status` says why. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            /** @description Unauthorized: credential or token invalid, expired or not sent correctly. No body is documented. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Forbidden: the token does not have the scopes the endpoint needs. No body is documented. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
