/**
 * The BFF's wire types and code lists, generated from docs/openapi.json by openapi-typescript
 * (packages/codegen/src/widget-api.mjs). Do not edit: run `npm run gen:api` at the repository root.
 */
export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness. */
        get: operations["getHealthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics. */
        get: operations["getMetrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: database and a Sinch token. */
        get: operations["getReadyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/signup/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Hosted signup page. Loading it (GET or HEAD) changes nothing; after the signup was submitted through the link it shows that onboarding. */
        get: operations["getSignupToken"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signup funnel of the sessions created in [from, to) (UTC; at most 366 days), per day, ISO week or in total: how many reached each stage (created → element_loaded → dialog_opened → finished → sender_created → completed; each later stage implies the earlier ones) and why the others dropped, one cause per session: the last thing that happened to it (README, "The signup funnel"). */
        get: operations["getV1Funnel"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/onboardings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List onboardings, newest first, optionally by state (paged with pageToken). */
        get: operations["getV1Onboardings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/onboardings/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One onboarding job. */
        get: operations["getV1OnboardingsId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/onboardings/{id}/phone-numbers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add a phone number to the onboarded WABA (the same Sinch sender call). */
        post: operations["postV1OnboardingsIdPhoneNumbers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/onboardings/{id}/phone-numbers/{phoneNumberId}/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Number verification, for ASPs that build their own UI: ask Sinch to send the code of a number whose status is `verification_required`, by SMS or voice (again after `verification.resendAvailableAt`). The same as POST /v1/session/verification. */
        post: operations["postV1OnboardingsIdPhoneNumbersPhoneNumberIdVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/onboardings/{id}/phone-numbers/{phoneNumberId}/verification/code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Number verification: the 6-digit code the customer received. A right code lets the onboarding go on (activation, then completed). The same as POST /v1/session/verification/code. */
        post: operations["postV1OnboardingsIdPhoneNumbersPhoneNumberIdVerificationCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/onboardings/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resume a failed job from its failed step. */
        post: operations["postV1OnboardingsIdRetry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document. */
        get: operations["getV1OpenapiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What the widget needs to run the signup. */
        get: operations["getV1Session"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session/abandon": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record a CANCEL (current step) or an ERROR reported by Meta. */
        post: operations["postV1SessionAbandon"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Report a milestone of the signup funnel (fire-and-forget, e.g. `fetch(…, { keepalive: true })`). The first report of each milestone per session is kept; a repeat answers 204 too and changes nothing. `currentStep` only with `cancelled`, `errorCode` only with `meta_error`. At most 30 a minute per session. */
        post: operations["postV1SessionEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session/onboarding": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The session's onboarding job. */
        get: operations["getV1SessionOnboarding"];
        put?: never;
        /** Hand the Embedded Signup result to the engine (idempotent: the same ids return the same job). */
        post: operations["postV1SessionOnboarding"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session/onboarding/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Server-Sent Events: `event: onboarding`, `data: {"onboarding": …}`; first event at once, ends after a terminal state, when the session (or its token) expires and when its link is revoked. */
        get: operations["getV1SessionOnboardingEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session/phone-numbers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The customer's pick among `phoneNumberChoices` (state awaiting_phone_number_choice): each picked number gets a sender. A person picks long after the ES code's 30 s, so these senders are created without it. */
        post: operations["postV1SessionPhoneNumbers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session/return-url": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The hosted page's "Back to <brand>": the link's returnUrl signed for the onboarding's stored state, once it has an outcome (see the README for the check). */
        get: operations["getV1SessionReturnUrl"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session/verification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Number verification (state `awaiting_verification`, or a number whose status is `verification_required`): Sinch sends the code by SMS or voice; again after `verification.resendAvailableAt`. */
        post: operations["postV1SessionVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/session/verification/code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Number verification: the 6-digit code the customer received. A right code lets the onboarding go on. */
        post: operations["postV1SessionVerificationCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a signup session for one customer (starts subproject warm-up) and its session token. */
        post: operations["postV1Sessions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/signup-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List signup links, newest first, optionally by state (revoked wins, then used, then expired, else active), with their created, opened, used, revoked and expiry times (paged with pageToken). */
        get: operations["getV1SignupLinks"];
        put?: never;
        /** Create a hosted signup link, good for one onboarding (ttl default 24 h, at most 3 days). */
        post: operations["postV1SignupLinks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/signup-links/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One signup link's lifecycle and its onboarding id. */
        get: operations["getV1SignupLinksId"];
        put?: never;
        post?: never;
        /** Revoke a signup link; its session tokens stop working too and its open event streams end. */
        delete: operations["deleteV1SignupLinksId"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sinch/provisioning-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sinch provisioning callback (sender state changes); signed with PROVISIONING_WEBHOOK_SECRET. */
        post: operations["postV1SinchProvisioningEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/widget/i18n/{locale}.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One of the widget's languages other than English (e.g. `de`, `pt-BR`), which the element fetches from beside its script; cached like the bundle, with its ETag. */
        get: operations["getWidgetI18nLocaleJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/widget/views/{name}.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A view of the widget that is a file of its own (`verification`: the number verification), an ES module the element imports the first time an onboarding needs it; cached like the bundle, with its ETag. */
        get: operations["getWidgetViewsNameJs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/widget/whatsapp-signup.js": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The widget bundle: immutable under `?v=<etag>`, revalidated by ETag under the plain URL. */
        get: operations["getWidgetWhatsappSignupJs"];
        put?: never;
        post?: never;
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
        Abandonment: {
            /** @description ISO 8601 timestamp */
            at: string;
            currentStep?: string;
            /** @constant */
            kind: "cancel";
        } | {
            /** @description ISO 8601 timestamp */
            at: string;
            code?: string;
            errorId?: string;
            /** @constant */
            kind: "error";
            message?: string;
            metaSessionId?: string;
        };
        AbandonRequest: {
            currentStep?: string;
            /** @constant */
            kind: "cancel";
        } | {
            code?: string | number;
            errorId?: string | number;
            /** @constant */
            kind: "error";
            message?: string;
            metaSessionId?: string;
        };
        Accepted: {
            /** @constant */
            status: "accepted";
        };
        AddPhoneNumberRequest: {
            code?: string;
            metaLocalStorage?: components["schemas"]["MetaLocalStorage"];
            phoneNumberId: string;
        };
        /** @enum {string} */
        ApiErrorCode: "unauthorized" | "session_expired" | "origin_not_allowed" | "invalid_request" | "payload_too_large" | "rate_limited" | "too_many_streams" | "not_found" | "signup_already_submitted" | "multiple_wabas" | "invalid_state" | "engine_stopped" | "wrong_otp" | "too_many_attempts" | "already_registered" | "verification_not_allowed" | "sinch_error" | "sinch_unavailable" | "internal_error" | "not_retryable" | "invalid_signature" | "replayed" | "widget_not_built" | "csrf_invalid" | "sign_in_failed";
        AspStartVerificationRequest: {
            method: components["schemas"]["VerificationMethod"];
        };
        AspVerificationCodeRequest: {
            code: string;
        };
        Branding: {
            color?: string;
            /** Format: uri */
            logoUrl?: string;
            /** @description Who asks, e.g. "Acme Messaging". */
            name?: string;
            /** Format: uri */
            privacyUrl?: string;
            /** Format: email */
            supportEmail?: string;
            /** Format: uri */
            supportUrl?: string;
        };
        CreateSessionRequest: {
            customer: {
                /** @description Display name of the Sinch subproject. */
                displayName: string;
                /** @description Extra subproject labels. */
                labels?: {
                    [key: string]: string;
                };
                /** @description The ASP's own reference for this customer. */
                reference: string;
            };
            featureType?: components["schemas"]["FeatureType"];
            /** @description Meta's extras.setup pre-fill. */
            prefill?: {
                business?: {
                    address?: {
                        city?: string;
                        country?: string;
                        state?: string;
                        streetAddress1?: string;
                        streetAddress2?: string;
                        zipPostal?: string;
                    };
                    /** Format: email */
                    email?: string;
                    name?: string;
                    phone?: {
                        code: number;
                        number: string;
                    };
                    timezone?: string;
                    /** Format: uri */
                    website?: string;
                };
                phone?: {
                    category: string;
                    description: string;
                    displayName: string;
                };
            };
            /** @description Regions the customer may pick (all by default). */
            regions?: {
                allowed: components["schemas"]["Region"][];
                default?: components["schemas"]["Region"];
            };
            /** @description Session lifetime in seconds (default 3600). */
            ttl?: number;
            /**
             * Format: uri
             * @description Overrides WEBHOOK_TARGET for this customer's Conversation app webhook.
             */
            webhookTarget?: string;
        };
        CreateSessionResponse: {
            /** @description ISO 8601 timestamp */
            expiresAt: string;
            id: string;
            token: string;
        };
        CreateSignupLinkRequest: {
            /** @description Overrides BRAND_* for this link, field by field. */
            branding?: components["schemas"]["Branding"];
            customer: {
                /** @description Display name of the Sinch subproject. */
                displayName: string;
                /** @description Extra subproject labels. */
                labels?: {
                    [key: string]: string;
                };
                /** @description The ASP's own reference for this customer. */
                reference: string;
            };
            featureType?: components["schemas"]["FeatureType"];
            /** @description The hosted page's language (default: the customer's browser). */
            locale?: components["schemas"]["WidgetLocale"];
            /** @description Meta's extras.setup pre-fill. */
            prefill?: {
                business?: {
                    address?: {
                        city?: string;
                        country?: string;
                        state?: string;
                        streetAddress1?: string;
                        streetAddress2?: string;
                        zipPostal?: string;
                    };
                    /** Format: email */
                    email?: string;
                    name?: string;
                    phone?: {
                        code: number;
                        number: string;
                    };
                    timezone?: string;
                    /** Format: uri */
                    website?: string;
                };
                phone?: {
                    category: string;
                    description: string;
                    displayName: string;
                };
            };
            /** @description Regions the customer may pick (all by default). */
            regions?: {
                allowed: components["schemas"]["Region"][];
                default?: components["schemas"]["Region"];
            };
            /**
             * Format: uri
             * @description Where "Back to <brand>" leads once the onboarding completes, fails or is cancelled: an https URL on an origin of RETURN_URL_ORIGINS. The page appends the onboarding id, its state and a signature.
             */
            returnUrl?: string;
            /** @description Link lifetime in seconds (default 86400 = 24 h, at most 3 days). */
            ttl?: number;
            /**
             * Format: uri
             * @description Overrides WEBHOOK_TARGET for this customer's Conversation app webhook.
             */
            webhookTarget?: string;
        };
        CreateSignupLinkResponse: {
            /** @description ISO 8601 timestamp */
            expiresAt: string;
            id: string;
            sessionId: string;
            url: string;
        };
        Error: {
            error: {
                code: components["schemas"]["ApiErrorCode"];
                field?: string;
                message: string;
            };
        };
        /**
         * @description A WA_EMBEDDED_SIGNUP success event. Documented: FINISH, FINISH_ONLY_WABA, FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING, FINISH_OBO_MIGRATION, FINISH_GRANT_ONLY_API_ACCESS; any other FINISH_* is accepted the same way (and logged). The fields sent, not the event, decide the path.
         * @example FINISH
         * @example FINISH_ONLY_WABA
         * @example FINISH_WHATSAPP_BUSINESS_APP_ONBOARDING
         * @example FINISH_OBO_MIGRATION
         * @example FINISH_GRANT_ONLY_API_ACCESS
         */
        EsFinishEvent: string;
        /** @enum {string} */
        FeatureType: "" | "whatsapp_business_app_onboarding" | "only_waba_sharing";
        Funnel: {
            /** @description ISO 8601 timestamp */
            from: string;
            /** @enum {string} */
            groupBy: "day" | "week" | "total";
            periods: {
                drops: {
                    /** @enum {string} */
                    cause: "sdk_blocked" | "sdk_timeout" | "popup_blocked" | "popup_closed" | "cancelled" | "meta_error" | "code_expired" | "failed" | "expired_unused";
                    count: number;
                    /** @description cancelled: Meta's current_step; failed: the onboarding error code; meta_error: Meta's code. */
                    detail?: string;
                }[];
                /** @description ISO 8601 timestamp */
                end: string;
                stages: {
                    completed: number;
                    created: number;
                    dialog_opened: number;
                    element_loaded: number;
                    finished: number;
                    sender_created: number;
                };
                /** @description ISO 8601 timestamp */
                start: string;
            }[];
            stageOrder: ("created" | "element_loaded" | "dialog_opened" | "finished" | "sender_created" | "completed")[];
            /** @description ISO 8601 timestamp */
            to: string;
            totals: {
                drops: {
                    /** @enum {string} */
                    cause: "sdk_blocked" | "sdk_timeout" | "popup_blocked" | "popup_closed" | "cancelled" | "meta_error" | "code_expired" | "failed" | "expired_unused";
                    count: number;
                    /** @description cancelled: Meta's current_step; failed: the onboarding error code; meta_error: Meta's code. */
                    detail?: string;
                }[];
                stages: {
                    completed: number;
                    created: number;
                    dialog_opened: number;
                    element_loaded: number;
                    finished: number;
                    sender_created: number;
                };
            };
        };
        Health: {
            /** @constant */
            status: "ok";
        };
        /** @enum {string} */
        JobState: "warming_up" | "awaiting_signup" | "running" | "awaiting_phone_number" | "awaiting_phone_number_choice" | "awaiting_verification" | "completed" | "failed" | "abandoned" | "expired";
        /** @enum {string} */
        MetaLocalStorage: "AE" | "AU" | "BH" | "BR" | "CA" | "CH" | "DE" | "GB" | "ID" | "IN" | "JP" | "KR" | "SG" | "US" | "ZA";
        Onboarding: {
            abandonment?: components["schemas"]["Abandonment"];
            appId?: string;
            businessId?: string;
            /** @description ISO 8601 timestamp */
            completedAt?: string;
            /** @description ISO 8601 timestamp */
            createdAt: string;
            customer: {
                displayName: string;
                labels?: {
                    [key: string]: string;
                };
                reference: string;
            };
            error?: components["schemas"]["OnboardingError"];
            event?: components["schemas"]["EsFinishEvent"];
            id: string;
            /** @description In state awaiting_phone_number_choice: the numbers of the WABA the customer may pick from. */
            phoneNumberChoices?: components["schemas"]["PhoneNumberChoice"][];
            phoneNumberId?: string;
            /** @description Every number onboarded into this WABA (the first one included). */
            phoneNumbers: components["schemas"]["PhoneNumber"][];
            region?: components["schemas"]["Region"];
            senderId?: string;
            senderState?: string;
            state: components["schemas"]["JobState"];
            steps: components["schemas"]["Step"][];
            subprojectId?: string;
            /** @description ISO 8601 timestamp */
            updatedAt: string;
            wabaId?: string;
            webhookId?: string;
        };
        OnboardingEnvelope: {
            onboarding: components["schemas"]["Onboarding"];
        };
        OnboardingError: {
            code: components["schemas"]["OnboardingErrorCode"];
            /** @description Safe for the ASP and the customer: never holds a secret or the ES code. */
            message: string;
            retryable: boolean;
            /** @description What Sinch said, when Sinch said it. */
            sinch?: {
                code?: string;
                message?: string;
                status: number;
            };
            step: components["schemas"]["StepName"];
        };
        /** @enum {string} */
        OnboardingErrorCode: "subproject_create_failed" | "subproject_not_ready" | "solution_assign_failed" | "code_expired" | "code_invalid" | "phone_number_in_use" | "waba_in_use" | "waba_invalid" | "sender_create_failed" | "sender_error" | "sender_rejected" | "sender_suspended" | "sender_deleted" | "phone_number_not_verified" | "business_not_verified" | "meta_setup_failed" | "sinch_account_setup" | "region_incompatible" | "app_create_failed" | "webhook_create_failed" | "activation_timeout" | "verification_timeout" | "sinch_unavailable" | "sinch_unauthorized" | "internal_error";
        OnboardingList: {
            items: components["schemas"]["Onboarding"][];
            nextPageToken?: string;
        };
        PhoneNumber: {
            /** @description The Conversation app that holds this number (one WhatsApp credential per app). */
            appId?: string;
            /** @description The number as the customer knows it (Sinch sender countryCode + phoneNumber, or Meta display_phone_number). */
            displayPhoneNumber?: string;
            /** @description Why this additional number failed (added after completion); the job itself stays completed. */
            error?: {
                code: components["schemas"]["OnboardingErrorCode"];
                /** @description Safe for the ASP and the customer: never holds a secret or the ES code. */
                message: string;
                retryable: boolean;
                /** @description What Sinch said, when Sinch said it. */
                sinch?: {
                    code?: string;
                    message?: string;
                    status: number;
                };
                step?: components["schemas"]["StepName"];
            };
            phoneNumberId: string;
            qualityRating?: components["schemas"]["QualityRating"];
            senderId?: string;
            senderState?: string;
            /** @description Where this number stands; missing on records written before it existed. */
            status?: components["schemas"]["PhoneNumberStatus"];
            verification?: components["schemas"]["VerificationProgress"];
            /** @description The business name shown to the number's contacts (Sinch details.displayName or Meta verified_name). */
            verifiedName?: string;
            webhookId?: string;
        };
        PhoneNumberChoice: {
            /** @description Meta's display_phone_number, e.g. "+1 555-0100". */
            displayPhoneNumber?: string;
            phoneNumberId: string;
            /** @description Meta's verified_name: the business name the customer's contacts see. */
            verifiedName?: string;
        };
        /** @enum {string} */
        PhoneNumberStatus: "pending" | "verification_required" | "active" | "failed" | "suspended" | "inactive";
        ProvisioningEvent: {
            payload?: {
                changes?: {
                    errorCode?: string;
                    errorReason?: string;
                    status?: string;
                } & {
                    [key: string]: unknown;
                };
                countryCode?: string;
                details?: {
                    displayName?: string;
                } & {
                    [key: string]: unknown;
                };
                id: string;
                phoneNumber?: string;
                qualityRating?: string;
                state?: string;
            } & {
                [key: string]: unknown;
            };
            type: string;
        } & {
            [key: string]: unknown;
        };
        /** @enum {string} */
        QualityRating: "GREEN" | "YELLOW" | "RED" | "UNKNOWN";
        Readiness: {
            checks: {
                /** @enum {string} */
                database: "ok" | "failed";
                /** @enum {string} */
                sinch: "ok" | "failed";
            };
            /** @enum {string} */
            status: "ok" | "unavailable";
        };
        /** @enum {string} */
        Region: "US" | "EU" | "BR";
        ReturnUrl: {
            /** @description The link's returnUrl with onboarding_id, state, t (unix seconds) and signature = hex(HMAC-SHA256(NOTIFY_SECRET, "<t>.<onboarding_id>.<state>")) added; null while the onboarding has no outcome (state completed, failed, abandoned or expired) or when the link has no returnUrl. */
            url: string | null;
        };
        SelectPhoneNumbersRequest: {
            /** @description One or more ids from phoneNumberChoices. */
            phoneNumberIds: string[];
        };
        /** @enum {string} */
        SessionApiErrorCode: "unauthorized" | "session_expired" | "origin_not_allowed" | "invalid_request" | "payload_too_large" | "rate_limited" | "too_many_streams" | "not_found" | "signup_already_submitted" | "multiple_wabas" | "invalid_state" | "engine_stopped" | "wrong_otp" | "too_many_attempts" | "already_registered" | "verification_not_allowed" | "sinch_error" | "sinch_unavailable" | "internal_error";
        SessionError: {
            error: {
                code: components["schemas"]["SessionApiErrorCode"];
                field?: string;
                message: string;
            };
        };
        SessionEventRequest: {
            /** @description Meta's CANCEL `current_step` (with milestone cancelled). */
            currentStep?: string;
            /** @description Meta's error code (with milestone meta_error). */
            errorCode?: string | number;
            /** @enum {string} */
            milestone: "link_opened" | "loaded" | "sdk_blocked" | "sdk_timeout" | "start" | "popup_blocked" | "popup_closed" | "cancelled" | "meta_error" | "finished";
        };
        SessionView: {
            featureType: components["schemas"]["FeatureType"];
            hostedUrl: string | null;
            meta: {
                appId: string;
                configId: string;
                /**
                 * @description META_ES_VERSION (UNCONFIRMED): when 'v4' the element adds extras.version: "v4" to FB.login; missing: today's extras.
                 * @enum {string}
                 */
                esVersion?: "v4";
                graphVersion: string;
                solutionId: string | null;
            };
            onboarding: components["schemas"]["Onboarding"];
            prefill?: {
                [key: string]: unknown;
            };
            regions: {
                allowed: components["schemas"]["Region"][];
                default?: components["schemas"]["Region"];
            };
            session: {
                /** @description ISO 8601 timestamp */
                expiresAt: string;
                id: string;
            };
        };
        SignupLink: {
            branding?: components["schemas"]["Branding"];
            /** @description ISO 8601 timestamp */
            createdAt: string;
            customer: {
                displayName: string;
                reference: string;
            };
            /** @description ISO 8601 timestamp */
            expiresAt: string;
            id: string;
            locale?: components["schemas"]["WidgetLocale"];
            onboardingId: string;
            /** @description First time the hosted page ran in a browser (mail scanners do not count). */
            openedAt?: string;
            returnUrl?: string;
            /** @description ISO 8601 timestamp */
            revokedAt?: string;
            sessionId: string;
            state: components["schemas"]["SignupLinkState"];
            /** @description When its onboarding was submitted. */
            usedAt?: string;
        };
        SignupLinkList: {
            items: components["schemas"]["SignupLink"][];
            nextPageToken?: string;
        };
        /** @enum {string} */
        SignupLinkState: "active" | "used" | "revoked" | "expired";
        StartVerificationRequest: {
            method: components["schemas"]["VerificationMethod"];
            phoneNumberId: string;
        };
        Step: {
            attempts: number;
            /** @description ISO 8601 timestamp */
            endedAt?: string;
            name: components["schemas"]["StepName"];
            /** @description Why a step was skipped or what it waits for (e.g. "no webhook target configured"). */
            note?: string;
            /** @description ISO 8601 timestamp */
            startedAt?: string;
            status: components["schemas"]["StepStatus"];
        };
        /** @enum {string} */
        StepName: "warm_up" | "sender" | "app" | "webhook" | "activation";
        /** @enum {string} */
        StepStatus: "pending" | "running" | "waiting" | "done" | "failed";
        SubmitSignupRequest: {
            /** @description Missing for coexistence and WABA-only finishes. */
            businessId?: string;
            /** @description FB.login authResponse.code (single use, 30 s). */
            code: string;
            event: components["schemas"]["EsFinishEvent"];
            metaLocalStorage?: components["schemas"]["MetaLocalStorage"];
            /** @description When present the sender is created for it; missing (WABA-only, coexistence) → awaiting_phone_number. */
            phoneNumberId?: string;
            /** @description Meta's session-info `phone_number_ids` when sent: every number shared in this signup gets its own sender. */
            phoneNumberIds?: string[];
            region: components["schemas"]["Region"];
            wabaId: string;
            /** @description Meta's session-info `waba_ids` when sent. Another WABA than `wabaId` is refused (`multiple_wabas`): Sinch allows one WABA per project. */
            wabaIds?: string[];
        };
        /**
         * @description States after which the job never changes; the event stream ends after one.
         * @enum {string}
         */
        TerminalJobState: "completed" | "failed" | "expired";
        VerificationCodeRequest: {
            code: string;
            phoneNumberId: string;
        };
        /** @enum {string} */
        VerificationMethod: "SMS" | "VOICE";
        VerificationProgress: {
            /** @description ISO 8601 timestamp */
            codeSentAt?: string;
            /** @description How the last code was sent; missing before the first register. */
            method?: components["schemas"]["VerificationMethod"];
            /** @description Before this time a new code cannot be asked for. */
            resendAvailableAt?: string;
        };
        /** @enum {string} */
        WidgetLocale: "en" | "de" | "es" | "pt-BR";
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type Abandonment = components['schemas']['Abandonment'];
export type AbandonRequest = components['schemas']['AbandonRequest'];
export type Accepted = components['schemas']['Accepted'];
export type AddPhoneNumberRequest = components['schemas']['AddPhoneNumberRequest'];
export type ApiErrorCode = components['schemas']['ApiErrorCode'];
export type AspStartVerificationRequest = components['schemas']['AspStartVerificationRequest'];
export type AspVerificationCodeRequest = components['schemas']['AspVerificationCodeRequest'];
export type Branding = components['schemas']['Branding'];
export type CreateSessionRequest = components['schemas']['CreateSessionRequest'];
export type CreateSessionResponse = components['schemas']['CreateSessionResponse'];
export type CreateSignupLinkRequest = components['schemas']['CreateSignupLinkRequest'];
export type CreateSignupLinkResponse = components['schemas']['CreateSignupLinkResponse'];
export type Error = components['schemas']['Error'];
export type EsFinishEvent = components['schemas']['EsFinishEvent'];
export type FeatureType = components['schemas']['FeatureType'];
export type Funnel = components['schemas']['Funnel'];
export type Health = components['schemas']['Health'];
export type JobState = components['schemas']['JobState'];
export type MetaLocalStorage = components['schemas']['MetaLocalStorage'];
export type Onboarding = components['schemas']['Onboarding'];
export type OnboardingEnvelope = components['schemas']['OnboardingEnvelope'];
export type OnboardingError = components['schemas']['OnboardingError'];
export type OnboardingErrorCode = components['schemas']['OnboardingErrorCode'];
export type OnboardingList = components['schemas']['OnboardingList'];
export type PhoneNumber = components['schemas']['PhoneNumber'];
export type PhoneNumberChoice = components['schemas']['PhoneNumberChoice'];
export type PhoneNumberStatus = components['schemas']['PhoneNumberStatus'];
export type ProvisioningEvent = components['schemas']['ProvisioningEvent'];
export type QualityRating = components['schemas']['QualityRating'];
export type Readiness = components['schemas']['Readiness'];
export type Region = components['schemas']['Region'];
export type ReturnUrl = components['schemas']['ReturnUrl'];
export type SelectPhoneNumbersRequest = components['schemas']['SelectPhoneNumbersRequest'];
export type SessionApiErrorCode = components['schemas']['SessionApiErrorCode'];
export type SessionError = components['schemas']['SessionError'];
export type SessionEventRequest = components['schemas']['SessionEventRequest'];
export type SessionView = components['schemas']['SessionView'];
export type SignupLink = components['schemas']['SignupLink'];
export type SignupLinkList = components['schemas']['SignupLinkList'];
export type SignupLinkState = components['schemas']['SignupLinkState'];
export type StartVerificationRequest = components['schemas']['StartVerificationRequest'];
export type Step = components['schemas']['Step'];
export type StepName = components['schemas']['StepName'];
export type StepStatus = components['schemas']['StepStatus'];
export type SubmitSignupRequest = components['schemas']['SubmitSignupRequest'];
export type TerminalJobState = components['schemas']['TerminalJobState'];
export type VerificationCodeRequest = components['schemas']['VerificationCodeRequest'];
export type VerificationMethod = components['schemas']['VerificationMethod'];
export type VerificationProgress = components['schemas']['VerificationProgress'];
export type WidgetLocale = components['schemas']['WidgetLocale'];
export type $defs = Record<string, never>;
export interface operations {
    getHealthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Alive */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    getMetrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    getReadyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description Not ready */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    getSignupToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Malformed path. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Unknown link */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Revoked or expired link */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description Rate limited. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1Funnel: {
        parameters: {
            query?: {
                from?: string;
                groupBy?: "day" | "week" | "total";
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The funnel */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Funnel"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key (`unauthorized`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1Onboardings: {
        parameters: {
            query?: {
                pageSize?: string;
                pageToken?: string;
                state?: components["schemas"]["JobState"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnboardingList"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key (`unauthorized`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1OnboardingsId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnboardingEnvelope"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key (`unauthorized`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1OnboardingsIdPhoneNumbers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddPhoneNumberRequest"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnboardingEnvelope"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key (`unauthorized`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The WABA is not onboarded yet or the number is taken. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1OnboardingsIdPhoneNumbersPhoneNumberIdVerification: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                phoneNumberId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AspStartVerificationRequest"];
            };
        };
        responses: {
            /** @description Code sent (`verification` of the number), or the number passed at once when Meta verified it already */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnboardingEnvelope"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key (`unauthorized`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such onboarding, or no such phone number in it (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The code is not the one sent (`wrong_otp`); the number is registered on another WhatsApp account (`already_registered`); the number is not waiting for a verification, or no code was sent yet (`verification_not_allowed`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A new code before `verification.resendAvailableAt`, or too many requests for this number (`rate_limited`); too many wrong codes (`too_many_attempts`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Sinch refused the request or could not send the code (`sinch_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Sinch is unavailable (`sinch_unavailable`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Sinch did not answer in time (`sinch_unavailable`). */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1OnboardingsIdPhoneNumbersPhoneNumberIdVerificationCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                phoneNumberId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AspVerificationCodeRequest"];
            };
        };
        responses: {
            /** @description Verified: the number is set up further */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnboardingEnvelope"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key (`unauthorized`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such onboarding, or no such phone number in it (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The code is not the one sent (`wrong_otp`); the number is registered on another WhatsApp account (`already_registered`); the number is not waiting for a verification, or no code was sent yet (`verification_not_allowed`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A new code before `verification.resendAvailableAt`, or too many requests for this number (`rate_limited`); too many wrong codes (`too_many_attempts`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Sinch refused the request or could not send the code (`sinch_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Sinch is unavailable (`sinch_unavailable`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Sinch did not answer in time (`sinch_unavailable`). */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1OnboardingsIdRetry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Resumed */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnboardingEnvelope"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key (`unauthorized`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The job is not failed or not retryable (`not_retryable`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1OpenapiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OpenAPI 3.1 */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    getV1Session: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionView"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Missing, invalid or expired session token (`unauthorized`, `session_expired`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Origin not in ALLOWED_ORIGINS (`origin_not_allowed`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Rate limited (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
        };
    };
    postV1SessionAbandon: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AbandonRequest"];
            };
        };
        responses: {
            /** @description Recorded */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnboardingEnvelope"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Missing, invalid or expired session token (`unauthorized`, `session_expired`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Origin not in ALLOWED_ORIGINS (`origin_not_allowed`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Rate limited (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
        };
    };
    postV1SessionEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SessionEventRequest"];
            };
        };
        responses: {
            /** @description Recorded (or already recorded) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Missing, invalid or expired session token (`unauthorized`, `session_expired`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Origin not in ALLOWED_ORIGINS (`origin_not_allowed`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Rate limited (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
        };
    };
    getV1SessionOnboarding: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The job */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnboardingEnvelope"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Missing, invalid or expired session token (`unauthorized`, `session_expired`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Origin not in ALLOWED_ORIGINS (`origin_not_allowed`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Rate limited (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
        };
    };
    postV1SessionOnboarding: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SubmitSignupRequest"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnboardingEnvelope"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Missing, invalid or expired session token (`unauthorized`, `session_expired`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Origin not in ALLOWED_ORIGINS (`origin_not_allowed`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description A different signup was already submitted (`signup_already_submitted`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description `wabaIds` names another WABA than `wabaId` (`multiple_wabas`; `field` is `wabaIds`, the message names it): one WABA per signup. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Rate limited (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
        };
    };
    getV1SessionOnboardingEvents: {
        parameters: {
            query?: {
                /** @description Session token for EventSource clients (redacted from logs). */
                access_token?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Event stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Missing, invalid or expired session token (`unauthorized`, `session_expired`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Origin not in ALLOWED_ORIGINS (`origin_not_allowed`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Rate limited (`rate_limited`), or more open streams than the session or the client may hold (`too_many_streams`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
        };
    };
    postV1SessionPhoneNumbers: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SelectPhoneNumbersRequest"];
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnboardingEnvelope"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Missing, invalid or expired session token (`unauthorized`, `session_expired`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Origin not in ALLOWED_ORIGINS (`origin_not_allowed`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description No numbers to choose from in this state (`invalid_state`); the same pick again answers 202. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Rate limited (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
        };
    };
    getV1SessionReturnUrl: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signed URL, or null */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReturnUrl"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Missing, invalid or expired session token (`unauthorized`, `session_expired`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Origin not in ALLOWED_ORIGINS (`origin_not_allowed`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Rate limited (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
        };
    };
    postV1SessionVerification: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartVerificationRequest"];
            };
        };
        responses: {
            /** @description Code sent (`verification` of the number), or the number passed at once when Meta verified it already */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnboardingEnvelope"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Missing, invalid or expired session token (`unauthorized`, `session_expired`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Origin not in ALLOWED_ORIGINS (`origin_not_allowed`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description No such onboarding, or no such phone number in it (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description The code is not the one sent (`wrong_otp`); the number is registered on another WhatsApp account (`already_registered`); the number is not waiting for a verification, or no code was sent yet (`verification_not_allowed`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description A new code before `verification.resendAvailableAt`, or too many requests for this number (`rate_limited`); too many wrong codes (`too_many_attempts`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Sinch refused the request or could not send the code (`sinch_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Sinch is unavailable (`sinch_unavailable`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Sinch did not answer in time (`sinch_unavailable`). */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
        };
    };
    postV1SessionVerificationCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerificationCodeRequest"];
            };
        };
        responses: {
            /** @description Verified: the number is set up further */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OnboardingEnvelope"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Missing, invalid or expired session token (`unauthorized`, `session_expired`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Origin not in ALLOWED_ORIGINS (`origin_not_allowed`). */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description No such onboarding, or no such phone number in it (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description The code is not the one sent (`wrong_otp`); the number is registered on another WhatsApp account (`already_registered`); the number is not waiting for a verification, or no code was sent yet (`verification_not_allowed`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description A new code before `verification.resendAvailableAt`, or too many requests for this number (`rate_limited`); too many wrong codes (`too_many_attempts`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Sinch refused the request or could not send the code (`sinch_error`). */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Sinch is unavailable (`sinch_unavailable`). */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
            /** @description Sinch did not answer in time (`sinch_unavailable`). */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionError"];
                };
            };
        };
    };
    postV1Sessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSessionRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateSessionResponse"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key (`unauthorized`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1SignupLinks: {
        parameters: {
            query?: {
                pageSize?: string;
                pageToken?: string;
                state?: components["schemas"]["SignupLinkState"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignupLinkList"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key (`unauthorized`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1SignupLinks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSignupLinkRequest"];
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateSignupLinkResponse"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key (`unauthorized`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getV1SignupLinksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The link */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignupLink"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key (`unauthorized`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    deleteV1SignupLinksId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key (`unauthorized`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    postV1SinchProvisioningEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProvisioningEvent"];
            };
        };
        responses: {
            /** @description Accepted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Accepted"];
                };
            };
            /** @description Invalid request: the message and `field` name the offending field. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Bad signature or timestamp outside ±5 min (`invalid_signature`). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Provisioning webhooks are not configured. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Nonce already seen (`replayed`). */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description JSON body over 16 kB (`payload_too_large`). */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Rate limited (`rate_limited`). */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Internal error. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWidgetI18nLocaleJson: {
        parameters: {
            query?: {
                v?: string;
            };
            header?: never;
            path: {
                locale: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The strings of the language */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Not modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such language, or the widget is not built (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWidgetViewsNameJs: {
        parameters: {
            query?: {
                v?: string;
            };
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JavaScript (an ES module) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/javascript": string;
                };
            };
            /** @description Not modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such view, or the widget is not built (`not_found`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    getWidgetWhatsappSignupJs: {
        parameters: {
            query?: {
                v?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JavaScript */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/javascript": string;
                };
            };
            /** @description Not modified */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The widget is not built (`widget_not_built`). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
type FlattenedDeepRequired<T> = {
    [K in keyof T]-?: FlattenedDeepRequired<T[K] extends unknown[] | undefined | null ? Extract<T[K], unknown[]>[number] : T[K]>;
};
type ReadonlyArray<T> = [
    Exclude<T, undefined>
] extends [
    unknown[]
] ? Readonly<Exclude<T, undefined>> : Readonly<Exclude<T, undefined>[]>;
export const pathsV1FunnelGetParametersQueryGroupByValues: ReadonlyArray<FlattenedDeepRequired<paths>["/v1/funnel"]["get"]["parameters"]["query"]["groupBy"]> = ["day", "week", "total"];
export const apiErrorCodeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["ApiErrorCode"]> = ["unauthorized", "session_expired", "origin_not_allowed", "invalid_request", "payload_too_large", "rate_limited", "too_many_streams", "not_found", "signup_already_submitted", "multiple_wabas", "invalid_state", "engine_stopped", "wrong_otp", "too_many_attempts", "already_registered", "verification_not_allowed", "sinch_error", "sinch_unavailable", "internal_error", "not_retryable", "invalid_signature", "replayed", "widget_not_built", "csrf_invalid", "sign_in_failed"];
export const featureTypeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["FeatureType"]> = ["", "whatsapp_business_app_onboarding", "only_waba_sharing"];
export const funnelGroupByValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Funnel"]["groupBy"]> = ["day", "week", "total"];
export const funnelPeriodsDropsCauseValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Funnel"]["periods"]["drops"]["cause"]> = ["sdk_blocked", "sdk_timeout", "popup_blocked", "popup_closed", "cancelled", "meta_error", "code_expired", "failed", "expired_unused"];
export const funnelStageOrderValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Funnel"]["stageOrder"]> = ["created", "element_loaded", "dialog_opened", "finished", "sender_created", "completed"];
export const funnelTotalsDropsCauseValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Funnel"]["totals"]["drops"]["cause"]> = ["sdk_blocked", "sdk_timeout", "popup_blocked", "popup_closed", "cancelled", "meta_error", "code_expired", "failed", "expired_unused"];
export const jobStateValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["JobState"]> = ["warming_up", "awaiting_signup", "running", "awaiting_phone_number", "awaiting_phone_number_choice", "awaiting_verification", "completed", "failed", "abandoned", "expired"];
export const metaLocalStorageValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["MetaLocalStorage"]> = ["AE", "AU", "BH", "BR", "CA", "CH", "DE", "GB", "ID", "IN", "JP", "KR", "SG", "US", "ZA"];
export const onboardingErrorCodeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["OnboardingErrorCode"]> = ["subproject_create_failed", "subproject_not_ready", "solution_assign_failed", "code_expired", "code_invalid", "phone_number_in_use", "waba_in_use", "waba_invalid", "sender_create_failed", "sender_error", "sender_rejected", "sender_suspended", "sender_deleted", "phone_number_not_verified", "business_not_verified", "meta_setup_failed", "sinch_account_setup", "region_incompatible", "app_create_failed", "webhook_create_failed", "activation_timeout", "verification_timeout", "sinch_unavailable", "sinch_unauthorized", "internal_error"];
export const phoneNumberStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["PhoneNumberStatus"]> = ["pending", "verification_required", "active", "failed", "suspended", "inactive"];
export const qualityRatingValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["QualityRating"]> = ["GREEN", "YELLOW", "RED", "UNKNOWN"];
export const readinessChecksDatabaseValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Readiness"]["checks"]["database"]> = ["ok", "failed"];
export const readinessChecksSinchValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Readiness"]["checks"]["sinch"]> = ["ok", "failed"];
export const readinessStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Readiness"]["status"]> = ["ok", "unavailable"];
export const regionValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["Region"]> = ["US", "EU", "BR"];
export const sessionApiErrorCodeValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SessionApiErrorCode"]> = ["unauthorized", "session_expired", "origin_not_allowed", "invalid_request", "payload_too_large", "rate_limited", "too_many_streams", "not_found", "signup_already_submitted", "multiple_wabas", "invalid_state", "engine_stopped", "wrong_otp", "too_many_attempts", "already_registered", "verification_not_allowed", "sinch_error", "sinch_unavailable", "internal_error"];
export const sessionEventRequestMilestoneValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SessionEventRequest"]["milestone"]> = ["link_opened", "loaded", "sdk_blocked", "sdk_timeout", "start", "popup_blocked", "popup_closed", "cancelled", "meta_error", "finished"];
export const sessionViewMetaEsVersionValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SessionView"]["meta"]["esVersion"]> = ["v4"];
export const signupLinkStateValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["SignupLinkState"]> = ["active", "used", "revoked", "expired"];
export const stepNameValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["StepName"]> = ["warm_up", "sender", "app", "webhook", "activation"];
export const stepStatusValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["StepStatus"]> = ["pending", "running", "waiting", "done", "failed"];
export const terminalJobStateValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["TerminalJobState"]> = ["completed", "failed", "expired"];
export const verificationMethodValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["VerificationMethod"]> = ["SMS", "VOICE"];
export const widgetLocaleValues: ReadonlyArray<FlattenedDeepRequired<components>["schemas"]["WidgetLocale"]> = ["en", "de", "es", "pt-BR"];
