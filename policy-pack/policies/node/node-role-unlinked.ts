import { stackPolicy, Undetermined } from "../../lib/define";
import { UNKNOWN, get, str } from "../../lib/props";
import { IndexedResource, StackIndex, Types } from "../../lib/stack";
import { registerPolicy } from "../../lib/registry";

/** A property that names a node role (directly or through an instance profile), as a path below the resource. */
interface NodeRoleReference {
    resource: IndexedResource;
    /** The top-level property `propertyDependencies` are keyed by. */
    property: string;
    path: string[];
}

/** EC2: an Auto Mode custom NodeClass's node role (EKS User Guide, create-node-class). */
const NODE_ACCESS_ENTRY_TYPES = ["EC2_LINUX", "EC2_WINDOWS", "EC2", "HYBRID_LINUX"];

function nodeRoleReferences(index: StackIndex): NodeRoleReference[] {
    const refs: NodeRoleReference[] = [];
    const add = (type: string, property: string, ...path: string[]) =>
        index
            .ofType(type)
            .forEach((resource) => refs.push({ resource, property, path: [property, ...path] }));
    add(Types.nodeGroup, "nodeRoleArn");
    add(Types.instanceProfile, "role");
    add(Types.launchConfiguration, "iamInstanceProfile");
    add(Types.launchTemplate, "iamInstanceProfile", "arn");
    add(Types.launchTemplate, "iamInstanceProfile", "name");
    add(Types.cluster, "computeConfig", "nodeRoleArn");
    for (const entry of index.ofType(Types.accessEntry)) {
        const type = str(entry.props, "type");
        if (type === UNKNOWN || NODE_ACCESS_ENTRY_TYPES.includes(type ?? "")) {
            refs.push({ resource: entry, property: "principalArn", path: ["principalArn"] });
        }
    }
    return refs;
}

/**
 * The node-role policies check the roles they can link to a node group, instance profile, launch
 * template or configuration, Auto Mode cluster or node access entry. A link can be lost: a
 * multi-language component (pulumi-eks's `eks.Cluster` and `eks.ManagedNodeGroup` run in their own
 * provider process) sends its children's inputs unknown at preview without the
 * `propertyDependencies` that name the role, so no node-role policy sees a node role and every one
 * passes in silence. This policy says so instead: which resource, which property.
 */
export const nodeRoleUnlinked = registerPolicy(
    stackPolicy({
        name: "node-role-unlinked",
        description:
            "A node role reference (node group nodeRoleArn, instance profile role, launch template or configuration iamInstanceProfile, Auto Mode computeConfig.nodeRoleArn, node access entry principalArn) unknown at preview and linked to no role of the stack is reported undetermined, not passed in silence.",
        enforcementLevel: "advisory",
        validate: (index) => {
            const undetermined: string[] = [];
            for (const ref of nodeRoleReferences(index)) {
                const value = get(ref.resource.props, ...ref.path);
                if (value !== UNKNOWN) {
                    continue;
                }
                if (index.rolesReferencedBy(ref.resource, ref.property, value).length > 0) {
                    continue;
                }
                const deps = index.dependenciesOf(ref.resource, ref.property);
                undetermined.push(
                    `${ref.path.join(".")} of ${ref.resource.type} "${ref.resource.name}" is unknown at preview and ` +
                        (deps.length === 0
                            ? "has no property dependency"
                            : `depends on no role or instance profile of the stack (only ${deps.map((d) => `${d.type} "${d.name}"`).join(", ")})`) +
                        ", so the node-role policies cannot see its role",
                );
            }
            if (undetermined.length > 0) {
                throw new Undetermined(undetermined.join("; "));
            }
        },
    }),
);
