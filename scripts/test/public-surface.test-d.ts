import type {
  AlternativePaymentsAuthOptions,
  createAlternativePaymentsAuth,
} from "@paytok/alternative-payments";
import type { PaytokAuth } from "@paytok/core";
import type { createLab4payAuth, Lab4payAuthOptions } from "@paytok/lab4pay";
import type { createPaylaterAuth, PaylaterAuthOptions } from "@paytok/paylater";
import type { createPaymeAuth, PaymeAuthOptions } from "@paytok/payme";
import type { createPayswayAuth, PayswayAuthOptions } from "@paytok/paysway";
import { describe, expectTypeOf, it } from "vitest";

describe("every create<Provider>Auth has the same signature shape", () => {
  it("returns PaytokAuth", () => {
    expectTypeOf<ReturnType<typeof createLab4payAuth>>().toEqualTypeOf<PaytokAuth>();
    expectTypeOf<ReturnType<typeof createPaylaterAuth>>().toEqualTypeOf<PaytokAuth>();
    expectTypeOf<ReturnType<typeof createPayswayAuth>>().toEqualTypeOf<PaytokAuth>();
    expectTypeOf<ReturnType<typeof createAlternativePaymentsAuth>>().toEqualTypeOf<PaytokAuth>();
    expectTypeOf<ReturnType<typeof createPaymeAuth>>().toEqualTypeOf<PaytokAuth>();
  });

  it("takes its options type", () => {
    expectTypeOf(createLab4payAuth).parameter(0).toEqualTypeOf<Lab4payAuthOptions>();
    expectTypeOf(createPaylaterAuth).parameter(0).toEqualTypeOf<PaylaterAuthOptions>();
    expectTypeOf(createPayswayAuth).parameter(0).toEqualTypeOf<PayswayAuthOptions>();
    expectTypeOf(createAlternativePaymentsAuth)
      .parameter(0)
      .toEqualTypeOf<AlternativePaymentsAuthOptions>();
    expectTypeOf(createPaymeAuth).parameter(0).toEqualTypeOf<PaymeAuthOptions>();
  });
});
