// Reading a file a person named on a command line: every way it can go wrong is one sentence that
// names the file and the fix, never a stack trace. The pack's CLI, the offline plan and the
// Automation CLI share it (the pack imports nothing outside policy-pack/, so it lives here).
import * as fs from "fs";

/** A file given on the command line cannot be used; the message names it and says what to do. */
export class InputFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "InputFileError";
    }
}

/** What went wrong with a file, in words, from the error `fs` threw: "does not exist". */
export function fsProblem(error: unknown): string {
    const code = (error as NodeJS.ErrnoException).code;
    switch (code) {
        case "ENOENT":
            return "does not exist";
        case "EISDIR":
            return "is a directory, not a file";
        case "EACCES":
        case "EPERM":
            return "cannot be read (permission denied)";
        case "ENOTDIR":
            return "does not exist (a part of its path is a file, not a folder)";
        default:
            return `cannot be read (${(error as Error).message})`;
    }
}

/** What a path that is neither a file nor a directory is told. */
export const NOT_REGULAR = "is not a regular file (a pipe, socket or device)";

/** The text of `file`; `what` and `fix` make the message ("policy config", "give a JSON file"). */
export function readInputText(file: string, what: string, fix: string): string {
    let problem: string | undefined;
    try {
        const stat = fs.statSync(file);
        // A pipe or device is refused before reading: reading a FIFO nobody writes waits forever.
        problem = stat.isDirectory()
            ? fsProblem({ code: "EISDIR" })
            : stat.isFile()
              ? undefined
              : NOT_REGULAR;
        if (!problem) {
            return fs.readFileSync(file, "utf8");
        }
    } catch (error) {
        problem = fsProblem(error);
    }
    throw new InputFileError(`${what} ${file} ${problem}: ${fix}`);
}

/**
 * `text` as JSON. A UTF-8 byte-order mark (editors on Windows write one) is dropped, as Node's
 * own `require` of a JSON file drops it; an empty file and a syntax error say so with the file.
 */
export function parseJsonText(text: string, file: string, what: string): unknown {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (body.trim() === "") {
        throw new InputFileError(`${what} ${file} is empty: it must hold a JSON document`);
    }
    try {
        return JSON.parse(body);
    } catch (error) {
        throw new InputFileError(
            `${what} ${file} is not valid JSON (${(error as Error).message}): fix the file or export it again`,
        );
    }
}

/** `readInputText` then `parseJsonText`. */
export function readJsonFile(file: string, what: string, fix: string): unknown {
    return parseJsonText(readInputText(file, what, fix), file, what);
}
