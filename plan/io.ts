// Where the command-line tools (the offline plan, the Automation API CLI) write: one line per
// call, results to stdout, progress and errors to stderr. Tests pass their own to capture both.
export interface CliIo {
    out: (text: string) => void;
    err: (text: string) => void;
}

export const processIo: CliIo = {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
};
