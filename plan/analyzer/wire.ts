// Conversions between the plan's plain values and the Analyzer protocol's messages, done the way
// the Pulumi engine does them (sdk/go/common/resource/plugin/analyzer_plugin.go):
// - properties go out as a google.protobuf.Struct built with the SDK's own google-protobuf, with
//   unknowns as the engine's unknown sentinel string and secrets in the engine's wire form
//   (`MarshalOptions{KeepUnknowns, KeepSecrets, SkipInternalKeys}`);
// - every request carries `AnalyzerResourceOptions`, custom timeouts included.
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";

/**
 * The engine's unknown sentinel (`UnknownStringValue` in Go, `unknownValue` in the Node.js SDK's
 * runtime/rpc). A property holding it is "unknown during preview".
 */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** Key and value that mark a secret on the wire: `{ [secretSigKey]: secretSig, value }`. */
export const secretSigKey = "4dabf18193072939515e22adb298388d";
export const secretSig = "1b47061264138c4ac30d75fd1eb44270";

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";
export const enforcementLevels: readonly EnforcementLevel[] = [
    "advisory",
    "mandatory",
    "remediate",
    "disabled",
];

export function isEnforcementLevel(value: unknown): value is EnforcementLevel {
    return typeof value === "string" && (enforcementLevels as readonly string[]).includes(value);
}

export function fromProtoLevel(level: analyzerpb.EnforcementLevel): EnforcementLevel {
    switch (level) {
        case analyzerpb.EnforcementLevel.ADVISORY:
            return "advisory";
        case analyzerpb.EnforcementLevel.MANDATORY:
            return "mandatory";
        case analyzerpb.EnforcementLevel.REMEDIATE:
            return "remediate";
        case analyzerpb.EnforcementLevel.DISABLED:
            return "disabled";
        default:
            throw new Error(`invalid enforcement level ${String(level)} from the policy pack`);
    }
}

export function toProtoLevel(level: EnforcementLevel): analyzerpb.EnforcementLevel {
    switch (level) {
        case "advisory":
            return analyzerpb.EnforcementLevel.ADVISORY;
        case "mandatory":
            return analyzerpb.EnforcementLevel.MANDATORY;
        case "remediate":
            return analyzerpb.EnforcementLevel.REMEDIATE;
        case "disabled":
            return analyzerpb.EnforcementLevel.DISABLED;
    }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function toJson(value: unknown, path: string): Json | undefined {
    if (value === undefined) {
        return undefined;
    }
    if (value === null || typeof value === "boolean" || typeof value === "string") {
        return value;
    }
    if (typeof value === "number") {
        if (!Number.isFinite(value)) {
            throw new TypeError(`property ${path} is ${value}, which a protobuf Struct cannot carry`);
        }
        return value;
    }
    if (Array.isArray(value)) {
        // Like the engine: an absent element is null, never a hole.
        return value.map((v, i) => toJson(v, `${path}[${i}]`) ?? null);
    }
    if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
        const out: { [key: string]: Json } = {};
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
            const j = toJson(v, `${path}.${k}`);
            if (j !== undefined) {
                out[k] = j;
            }
        }
        return out;
    }
    throw new TypeError(
        `property ${path} is a ${value?.constructor?.name ?? typeof value}; pass plain JSON values ` +
            `(unknowns as "${unknownValue}", secrets as {"${secretSigKey}": "${secretSig}", "value": ...})`,
    );
}

/**
 * Marshals resource properties to the Struct the engine sends: top-level keys starting with `__`
 * (engine-internal, e.g. `__defaults`) are skipped, `undefined` is dropped, and unknown sentinels
 * and secret envelopes pass through untouched so the pack's deserializer sees them as such.
 */
export function propertiesToStruct(props: Record<string, unknown>, label: string): Struct {
    const top: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(props ?? {})) {
        if (k.startsWith("__")) {
            continue;
        }
        const j = toJson(v, `${label}.${k}`);
        if (j !== undefined) {
            top[k] = j;
        }
    }
    return Struct.fromJavaScript(top);
}

export function jsonToStruct(value: Record<string, unknown>, label: string): Struct {
    return Struct.fromJavaScript((toJson(value, label) ?? {}) as { [key: string]: Json });
}

/** Options as the engine marshals them (`marshalResourceOptions`). */
export function resourceOptions(
    parent: string | undefined,
    protect: boolean | undefined,
): analyzerpb.AnalyzerResourceOptions {
    const opts = new analyzerpb.AnalyzerResourceOptions();
    opts.setProtect(protect ?? false);
    opts.setIgnorechangesList([]);
    opts.setDeletebeforereplace(false);
    opts.setDeletebeforereplacedefined(false);
    opts.setAdditionalsecretoutputsList([]);
    opts.setAliasesList([]);
    const timeouts = new analyzerpb.AnalyzerResourceOptions.CustomTimeouts();
    timeouts.setCreate(0);
    timeouts.setUpdate(0);
    timeouts.setDelete(0);
    opts.setCustomtimeouts(timeouts);
    opts.setParent(parent ?? "");
    return opts;
}

/**
 * Splits a provider reference (`<urn>::<id>`, what the resource monitor records) or a bare
 * provider URN into URN, type and name. URNs are `urn:pulumi:<stack>::<project>::<type>::<name>`.
 */
export function parseProviderRef(ref: string): { urn: string; type: string; name: string } {
    const parts = ref.split("::");
    const urnParts = parts.length > 4 ? parts.slice(0, 4) : parts;
    const qualifiedType = urnParts[2] ?? "";
    return {
        urn: urnParts.join("::"),
        type: qualifiedType.split("$").pop() ?? "",
        name: urnParts[3] ?? "",
    };
}
