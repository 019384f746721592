// Checks the trust policy components/trust/workload.ts (workloadTrustPolicy) builds;
// tests: tests/policy-pack/policies/trust/trust-valid-document.test.ts.
import { resourcePolicy, Undetermined, UNKNOWN_TRUST } from "../../lib/define";
import { get } from "../../lib/props";
import { readPolicy } from "../../lib/read";
import { Types } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";

/** A trust policy the pack cannot parse is a trust policy no other trust policy checked. */
export const trustValidDocument = registerPolicy(
    resourcePolicy({
        name: "trust-valid-document",
        description:
            "A role's trust policy must be a well-formed IAM policy document, so that the other trust policies can check it.",
        enforcementLevel: "advisory",
        resourceType: Types.role,
        validate: (props, report) => {
            const read = readPolicy(get(props, "assumeRolePolicy"));
            if ("unknown" in read) {
                throw new Undetermined(UNKNOWN_TRUST);
            }
            if ("error" in read) {
                report(
                    `The trust policy could not be parsed (${read.error}), so it was not checked. Fix the document.`,
                );
            }
        },
    }),
);
