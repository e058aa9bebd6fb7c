// Lambda handlers for the adapter-aws tests, written as a team would write them for the lambda
// plugin types (see adapter-aws/README.md). A thrown error whose message starts with "permanent:"
// tells AlertResponder that retrying cannot help.
const fs = require("node:fs");

// An IP-reputation inspector: a host finding for an address, and the host name it resolves to as a new
// attribute, which AlertResponder inspects in turn.
exports.inspector = async (task) => {
  if (task.attribute.type !== "ipaddr") {
    return { findings: [], attributes: [] };
  }
  return {
    findings: [{ type: "host", content: { ipaddr: [task.attribute.value], country: ["NL"], owner: ["ACME scanners"] } }],
    attributes: [{ type: "domain", key: "reverse name", value: "scanner.example", context: ["remote"] }],
  };
};

exports.failingInspector = async () => {
  throw new Error("the reputation service is down");
};

exports.refusingInspector = async () => {
  throw new Error("permanent: this attribute type is not supported");
};

exports.garbledInspector = async () => "not an inspection result";

// A policy: urgent when any inspector found a host, safe otherwise (deepalert's reviewer shape).
exports.reviewer = async (report) => {
  const hosts = (report.sections || []).flatMap((s) => s.findings || []).filter((f) => f.type === "host");
  return hosts.length > 0
    ? { severity: "urgent", reason: `${hosts.length} known host(s) involved` }
    : { severity: "safe", reason: "nothing known about the attributes" };
};

// Records each delivery (report id and version) so that the test can count them.
exports.emitter = async (report) => {
  fs.appendFileSync(process.env.RECORD_FILE, `${report.id} ${report.version}\n`);
  return { delivered: true };
};
