import { describe, expect, it } from "vitest";
import { credentialsFromEnvironment, credentialsFromText } from "../src/credentials.js";
import { refuseCredentialArguments } from "../src/secret-arguments.js";
import { UsageError } from "../src/usage-error.js";

const SECRET = "a-secret-that-must-not-be-echoed";

describe("credentials from standard input", () => {
  it.each([
    ["two lines", `client-1\n${SECRET}\n`],
    ["two lines with CRLF and blank lines", `\r\nclient-1\r\n${SECRET}\r\n\r\n`],
    ["JSON", JSON.stringify({ clientId: "client-1", clientSecret: SECRET })],
    [
      "JSON with other fields",
      JSON.stringify({ clientId: "client-1", clientSecret: SECRET, x: 1 }),
    ],
  ])("reads %s", (_format, text) => {
    expect(credentialsFromText(text)).toEqual({ clientId: "client-1", clientSecret: SECRET });
  });

  it.each([
    ["one line", SECRET],
    ["three lines", `a\n${SECRET}\nc`],
    ["nothing", ""],
    ["broken JSON", `{"clientId": "a", "clientSecret": "${SECRET}"`],
    ["JSON without the secret", '{"clientId": "a"}'],
    ["JSON with a number", `{"clientId": 1, "clientSecret": "${SECRET}"}`],
  ])("refuses %s without repeating what it read", (_format, text) => {
    let error: unknown;
    try {
      credentialsFromText(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).not.toContain(SECRET);
  });
});

describe("credentials from the environment", () => {
  it("reads PAYTOK_<PROVIDER>_CLIENT_ID and _CLIENT_SECRET", () => {
    const env = {
      PAYTOK_ALTERNATIVE_PAYMENTS_CLIENT_ID: "client-1",
      PAYTOK_ALTERNATIVE_PAYMENTS_CLIENT_SECRET: SECRET,
    };
    expect(credentialsFromEnvironment(env, "PAYTOK_ALTERNATIVE_PAYMENTS")).toEqual({
      clientId: "client-1",
      clientSecret: SECRET,
    });
  });

  it("names exactly the missing or empty variables", () => {
    expect(() =>
      credentialsFromEnvironment({ PAYTOK_PAYSWAY_CLIENT_ID: "client-1" }, "PAYTOK_PAYSWAY"),
    ).toThrow(/set PAYTOK_PAYSWAY_CLIENT_SECRET \(/);
    expect(() =>
      credentialsFromEnvironment(
        { PAYTOK_PAYSWAY_CLIENT_ID: "", PAYTOK_PAYSWAY_CLIENT_SECRET: "" },
        "PAYTOK_PAYSWAY",
      ),
    ).toThrow(/set PAYTOK_PAYSWAY_CLIENT_ID and PAYTOK_PAYSWAY_CLIENT_SECRET/);
  });
});

describe("credential arguments", () => {
  it.each([
    "--client-secret",
    "--client_secret=x",
    "--clientSecret",
    "--CLIENT-SECRET",
    "--secret",
    "-secret",
    "--client-id=x",
    "--clientId",
    "--password",
  ])("refuses %s", (option) => {
    expect(() => refuseCredentialArguments([option, SECRET], "PAYTOK_X")).toThrow(UsageError);
  });

  it.each(["--base-url", "--scope", "--secretive-mode-does-not-exist", "--credentials-stdin"])(
    "lets %s through to the option parser",
    (option) => {
      expect(() => refuseCredentialArguments([option], "PAYTOK_X")).not.toThrow();
    },
  );

  it("stops looking after --", () => {
    expect(() => refuseCredentialArguments(["--", "--secret"], "PAYTOK_X")).not.toThrow();
  });
});
