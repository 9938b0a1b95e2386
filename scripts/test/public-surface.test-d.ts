import {
  type AlternativePaymentsAuthOptions,
  createAlternativePaymentsAuth,
} from "@paytok/alternative-payments";
import type { PaytokAuth } from "@paytok/core";
import { createLab4payAuth, type Lab4payAuthOptions } from "@paytok/lab4pay";
import { createPaylaterAuth, type PaylaterAuthOptions } from "@paytok/paylater";
import { createPaymeAuth, type PaymeAuthOptions } from "@paytok/payme";
import { createPayswayAuth, type PayswayAuthOptions } from "@paytok/paysway";
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
