// Flat config: typescript-eslint's recommended rules, Pulumi's rule against Outputs in
// template literals (they render as a warning string, not the value), and house rules.
import tseslint from "typescript-eslint";
import pulumi from "@pulumi/eslint-plugin";

/**
 * The parts' import boundaries, as `no-restricted-imports` rules. ESLint matches the import text,
 * not the resolved file, so a relative import that climbs out of a folder is recognised by how
 * many `../` a file at that depth needs to leave it: one block per depth.
 */
function boundary(folder, message) {
    return [0, 1, 2, 3, 4].map((depth) => ({
        files: [`${folder}/${"*/".repeat(depth)}*.ts`],
        rules: {
            "no-restricted-imports": [
                "error",
                { patterns: [{ regex: `^(\\.\\./){${depth + 1}}`, message }] },
            ],
        },
    }));
}

export default tseslint.config(
    { ignores: ["bin/**", "out/**", "node_modules/**", "**/node_modules/**"] },
    ...tseslint.configs.recommended,
    {
        files: ["**/*.ts"],
        languageOptions: {
            parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
        },
        plugins: { "@pulumi": pulumi },
        rules: {
            "@pulumi/no-output-in-template-literal": "error",
            "@pulumi/no-output-instance-in-template-literal": "error",
            eqeqeq: ["error", "always"],
            curly: ["error", "all"],
            "@typescript-eslint/no-unused-vars": [
                "error",
                { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
            ],
            "@typescript-eslint/no-floating-promises": "error",
        },
    },
    // The pack is published alone (`pulumi policy publish`): it imports nothing outside policy-pack/.
    ...boundary(
        "policy-pack",
        "policy-pack/ is published alone and imports nothing outside it; shared facts live in its twin file lib/iam/eksIdentity.ts",
    ),
    // The components are a package of their own (`pulumi package add`): nothing from the rest.
    ...boundary(
        "components",
        "components/ is a package of its own and imports nothing outside it (not stacks/, plan/, automation/ or the pack)",
    ),
    // The program uses the components as any Pulumi program would: through their index.
    {
        files: ["stacks/**/*.ts"],
        rules: {
            "no-restricted-imports": [
                "error",
                {
                    patterns: [
                        {
                            regex: "^(\\.\\./)+components/.",
                            message:
                                'stacks/ uses components/ through its index (import from "../components"); export what it needs there',
                        },
                    ],
                },
            ],
        },
    },
);
