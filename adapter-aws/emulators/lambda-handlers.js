// Lambda handlers for the adapter-aws tests, written as a team would write them for the lambda
// plugin types (see adapter-aws/README.md). A thrown error whose message starts with "permanent:"
// tells AlertResponder that retrying cannot help. The last one is an inspector written for deepalert,
// which AlertResponder runs in deepalert's compatibility mode.
const fs = require("node:fs");
const { SQSClient, SendMessageCommand } = require("@aws-sdk/client-sqs");

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

// An inspector written for deepalert, as deepalert's inspectors are: subscribed to deepalert's task
// topic, it gets each task in an SNS event, and sends what it found to deepalert's finding queue and
// the attributes it discovered to its attribute queue (their URLs in FINDING_QUEUE and ATTRIBUTE_QUEUE).
// AlertResponder's inspector type "deepalert" publishes the tasks and reads the queues; nothing here knows
// about AlertResponder. SQS_ENDPOINT is set only to reach an emulator.
const DEEPALERT_AUTHOR = "legacy-reputation";
let sqs;

function sqsClient() {
  if (!sqs) {
    const endpoint = process.env.SQS_ENDPOINT;
    sqs = endpoint
      ? new SQSClient({ endpoint, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } })
      : new SQSClient({});
  }
  return sqs;
}

async function send(queueUrl, message) {
  await sqsClient().send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(message) }));
}

// What this inspector knows: an address belongs to a scanner with a reverse name (a new attribute), the
// scanner's domain is a known host, and one file hash is known malware. deepalert names file hashes
// "filehashvalue".
function inspect(attr) {
  switch (attr.type) {
    case "ipaddr":
      return {
        findings: [{ type: "host", content: { ipaddr: [attr.value], country: ["NL"], owner: ["ACME scanners"] } }],
        attributes: [{ type: "domain", key: "reverse name", value: "scanner.example", context: ["remote"] }],
      };
    case "domain":
      return { findings: [{ type: "host", content: { hostname: [attr.value], related_domains: ["cdn.scanner.example"] } }], attributes: [] };
    case "filehashvalue":
      return {
        findings: [{ type: "binary", content: { related_malware: [{ sha256: attr.value, scans: [{ vendor: "ExampleAV", name: "Trojan.Example", positive: true }] }] } }],
        attributes: [],
      };
    default:
      return { findings: [], attributes: [] };
  }
}

exports.deepalertInspector = async (event) => {
  for (const record of event.Records) {
    const task = JSON.parse(record.Sns.Message);
    const { findings, attributes } = inspect(task.attribute);
    for (const finding of findings) {
      await send(process.env.FINDING_QUEUE, {
        report_id: task.report_id, author: DEEPALERT_AUTHOR, attribute: task.attribute,
        type: finding.type, content: finding.content,
      });
    }
    if (attributes.length > 0) {
      await send(process.env.ATTRIBUTE_QUEUE, {
        report_id: task.report_id, author: DEEPALERT_AUTHOR, origin_attr: task.attribute, attributes,
      });
    }
  }
};
