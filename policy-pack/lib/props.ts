// Reading resource properties without tripping over unknowns. At preview the engine sends
// values it cannot know yet (an ARN of a role being created) as sentinel strings, and the
// policy runtime wraps props in `unknownCheckingProxy`, which throws `UnknownValueError` on
// reading one. A policy that let that escape would be reported as "can't run during preview"
// and check nothing; `plain` copies the props once, turning each unknown into `UNKNOWN`, so a
// policy checks everything that is known and treats `UNKNOWN` explicitly.
import { UnknownValueError } from "@pulumi/policy";

/**
 * The engine's sentinel for an unknown string (and, in JSON, for any unknown value). Pulumi's
 * own SDKs use the same constant (`unknownStringValue` in @pulumi/policy's proxy and
 * @pulumi/pulumi's `runtime/rpc`). Resource JSON fed to `evaluate` marks unknown values with it.
 */
export const UNKNOWN_STRING_SENTINEL = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Every sentinel @pulumi/policy's proxy recognises (boolean, number, string, array, asset, archive, object). */
export const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
    "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
    "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
    UNKNOWN_STRING_SENTINEL,
    "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
    "030794c1-ac77-496b-92df-f27374a8bd58",
    "e48ece36-62e2-4504-bad9-02848725956a",
    "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** Marks a value that is not known yet (preview). */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

export function isUnknown(value: unknown): value is Unknown {
    return value === UNKNOWN;
}

/** A deep copy of props with unknowns as `UNKNOWN`: plain JSON-like data, safe to read anywhere. */
export type Plain = Record<string, unknown>;

function readSafely(obj: Record<PropertyKey, unknown>, key: PropertyKey): unknown {
    try {
        return obj[key];
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return UNKNOWN;
        }
        throw e;
    }
}

/**
 * @pulumi/policy's proxy answers these two keys itself (proxy.js `isSpecialProxy`,
 * `getSpecialProxyTarget`): reading the target directly avoids constructing an
 * UnknownValueError (a stack capture) for every unknown, which dominated evaluation time.
 */
const IS_SPECIAL_PROXY = "__isSpecialProxy";
const GET_SPECIAL_PROXY_TARGET = "__getSpecialProxyTarget";

function unwrapProxy(value: object): object {
    const candidate = value as Record<string, unknown>;
    if (candidate[IS_SPECIAL_PROXY] === true) {
        const target = candidate[GET_SPECIAL_PROXY_TARGET];
        if (typeof target === "object" && target !== null) {
            return target;
        }
    }
    return value;
}

/** Copies a (possibly proxied) value, replacing unknown values by `UNKNOWN`. */
export function plain(value: unknown): unknown {
    if (typeof value === "string") {
        return UNKNOWN_SENTINELS.has(value) ? UNKNOWN : value;
    }
    if (typeof value !== "object" || value === null) {
        return value;
    }
    const target = unwrapProxy(value);
    const source = target as Record<PropertyKey, unknown>;
    if (Array.isArray(target)) {
        const out: unknown[] = [];
        for (let i = 0; i < target.length; i++) {
            const item = readSafely(source, i);
            out.push(item === UNKNOWN ? UNKNOWN : plain(item));
        }
        return out;
    }
    const out: Plain = {};
    for (const key of Object.keys(target)) {
        const item = readSafely(source, key);
        out[key] = item === UNKNOWN ? UNKNOWN : plain(item);
    }
    return out;
}

/** `plain` for a props object: always returns an object (empty when props were unknown). */
export function plainProps(props: unknown): Plain {
    const copy = plain(props);
    return typeof copy === "object" && copy !== null && !Array.isArray(copy) ? (copy as Plain) : {};
}

/** Reads a nested value; `UNKNOWN` when any step is unknown, `undefined` when absent. */
export function get(value: unknown, ...path: (string | number)[]): unknown {
    let current = value;
    for (const key of path) {
        if (current === UNKNOWN) {
            return UNKNOWN;
        }
        if (typeof current !== "object" || current === null) {
            return undefined;
        }
        current = (current as Record<string | number, unknown>)[key];
    }
    return current;
}

/** A string property: the string, `UNKNOWN`, or undefined (absent or not a string). */
export function str(value: unknown, ...path: (string | number)[]): string | Unknown | undefined {
    const v = get(value, ...path);
    return typeof v === "string" || v === UNKNOWN ? v : undefined;
}

/** A list property: its items (each may be `UNKNOWN`), `UNKNOWN` for an unknown list, [] when absent. */
export function list(value: unknown, ...path: (string | number)[]): unknown[] | Unknown {
    const v = get(value, ...path);
    if (v === UNKNOWN) {
        return UNKNOWN;
    }
    return Array.isArray(v) ? v : [];
}

/** The string items of a list property (unknown items and an unknown list are dropped). */
export function knownStrings(value: unknown, ...path: (string | number)[]): string[] {
    const items = list(value, ...path);
    return items === UNKNOWN ? [] : items.filter((i): i is string => typeof i === "string");
}
