// Where the command-line tools (the offline plan, the Automation API CLI, discover, sdk) write: one line per
// call, results to stdout, progress and errors to stderr. Tests pass their own to capture both.
export interface CliIo {
    out: (text: string) => void;
    err: (text: string) => void;
}

export const processIo: CliIo = {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
};

/**
 * Ends the process with `code` once everything written to `streams` has reached the OS. With
 * stdout a pipe (`| tee`, a CI log) Node writes asynchronously: `process.exit()` right after a
 * large write drops what the pipe's 64 KiB buffer did not take, the summary line first. An empty
 * write's callback runs after every earlier write of its stream has completed (or failed, as
 * when the reader went away), so exiting then loses nothing.
 */
export function exitWhenWritten(
    code: number,
    streams: NodeJS.WritableStream[] = [process.stdout, process.stderr],
    exit: (code: number) => void = (c) => process.exit(c),
): void {
    process.exitCode = code;
    let pending = streams.length;
    const done = () => {
        if (--pending === 0) {
            exit(code);
        }
    };
    if (pending === 0) {
        exit(code);
    }
    for (const stream of streams) {
        stream.write("", done);
    }
}

/** A command-line tool's entry: its arguments and where it writes; resolves to its exit code. */
export type CommandMain = (
    args: string[],
    out: (text: string) => void,
    err: (text: string) => void,
) => Promise<number>;

/**
 * Runs `main` as the process's command (discover, sdk): its exit code, or on an error it did not
 * handle, the message named after the tool and `failureCode`; never a stack trace.
 */
export function runAsCommand(
    name: string,
    main: CommandMain,
    failureCode: number,
    args = process.argv.slice(2),
): Promise<void> {
    return main(
        args,
        (s) => process.stdout.write(s),
        (s) => process.stderr.write(s),
    ).then(
        (code) => {
            process.exitCode = code;
        },
        (e: unknown) => {
            process.stderr.write(`${name}: ${e instanceof Error ? e.message : String(e)}\n`);
            process.exitCode = failureCode;
        },
    );
}
