package org.alertresponder.launcher.config;

import org.alertresponder.adapter.aws.DynamoDbTable;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CloudFormation template (config/aws/alertresponder.yaml) agrees with config/aws.yaml and with the
 * table the adapter expects: config/aws.yaml bound with exactly the environment the template's task
 * definition gives names the template's table and queues, and the table has the adapter's keys, indexes
 * and time-to-live attribute.
 */
class AwsTemplateTest {
  private static final Path CONFIG_DIR = Path.of(System.getProperty("alertresponder.config-dir", "../config"));
  private static final String ACCOUNT = "123456789012";
  private static final String REGION = "eu-west-1";

  private final Map<String, Object> template;
  private final Map<String, Object> resources;
  private final String name;

  @SuppressWarnings("unchecked")
  AwsTemplateTest() throws IOException {
    template = new Yaml().load(Files.readString(CONFIG_DIR.resolve("aws/alertresponder.yaml")));
    resources = (Map<String, Object>) template.get("Resources");
    name = (String) map(map(template, "Parameters"), "Name").get("Default");
  }

  @Test
  void awsYamlBoundWithTheTaskDefinitionsEnvironmentNamesTheTemplatesResources() {
    Map<String, String> env = new HashMap<>();
    Map<String, Object> container = containerDefinition();
    for (Object variable : (List<?>) container.get("Environment")) {
      Map<?, ?> entry = (Map<?, ?>) variable;
      env.put((String) entry.get("Name"), resolve(entry.get("Value")));
    }
    for (Object secret : (List<?>) container.get("Secrets")) {
      env.put((String) ((Map<?, ?>) secret).get("Name"), "a-token-from-secrets-manager");
    }

    // Binding fails if aws.yaml needs a variable the task definition does not set (and has no default).
    LauncherConfig config = new LauncherConfigBinder(env::get).bind(
        ConfigFile.load(CONFIG_DIR.resolve("aws.yaml"), env::get), CONFIG_DIR.toAbsolutePath());

    LauncherConfig.AwsStore aws = config.store().aws();
    assertThat(config.store().type()).isEqualTo("dynamodb");
    assertThat(aws.table()).isEqualTo(resolve(map(resources, "Table", "Properties").get("TableName")));
    assertThat(aws.timerQueue()).isEqualTo(queueUrl("Timers"));
    assertThat(aws.workQueuePrefix()).isEqualTo(name + "-work-");
    assertThat(aws.workDeadLetterQueue()).isEqualTo(queueArn("WorkDeadLetters"));
    assertThat(aws.region()).isEqualTo(REGION);
    assertThat(aws.createResources()).isFalse();
    assertThat(config.http().auth().required()).isTrue();
    assertThat(config.emitters()).filteredOn(e -> e.type().equals("sns")).singleElement()
        .satisfies(e -> assertThat(e.options().string("topic-arn", null)).isEqualTo("arn:aws:sns:" + REGION + ":"
            + ACCOUNT + ":" + resolve(map(resources, "ReportsTopic", "Properties").get("TopicName"))));
  }

  @Test
  void theTableHasTheKeysIndexesAndTimeToLiveTheAdapterUses() {
    Map<String, Object> table = map(resources, "Table", "Properties");
    assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
    assertThat(keys(table.get("KeySchema"))).containsExactly(DynamoDbTable.PK + " HASH", DynamoDbTable.SK + " RANGE");
    Map<String, List<String>> indexes = new HashMap<>();
    for (Object index : (List<?>) table.get("GlobalSecondaryIndexes")) {
      Map<?, ?> definition = (Map<?, ?>) index;
      indexes.put((String) definition.get("IndexName"), keys(definition.get("KeySchema")));
    }
    assertThat(indexes).containsOnly(
        Map.entry(DynamoDbTable.LIST_INDEX, List.of(DynamoDbTable.LIST_PK + " HASH", DynamoDbTable.LIST_SK + " RANGE")),
        Map.entry(DynamoDbTable.QUEUE_INDEX, List.of(DynamoDbTable.QUEUE_PK + " HASH",
            DynamoDbTable.QUEUE_SK + " RANGE")));
    Map<?, ?> ttl = (Map<?, ?>) table.get("TimeToLiveSpecification");
    assertThat(ttl.get("AttributeName")).isEqualTo(DynamoDbTable.TTL);
    assertThat(ttl.get("Enabled")).isEqualTo(true);
  }

  @Test
  void theServersRoleReachesOnlyTheTableAndTheQueuesOfThisStack() {
    String policy = map(resources, "ServerRole", "Properties").get("Policies").toString();
    assertThat(policy).doesNotContain("dynamodb:*", "sqs:*", "\"*\"", "Resource=*", "CreateTable", "DeleteTable",
        "DeleteQueue");
  }

  @Test
  void theServersReachDeepAlertsTopicAndQueuesOnlyWhenTheirArnsAreGiven() {
    Map<String, Object> parameters = map(template, "Parameters");
    for (String parameter : List.of("DeepAlertTaskTopicArn", "DeepAlertFindingQueueArn", "DeepAlertAttributeQueueArn")) {
      assertThat(map(parameters, parameter).get("Default")).as(parameter + " is optional").isEqualTo("");
    }
    Object condition = map(template, "Conditions").get("UsesDeepAlert");
    assertThat(condition.toString()).contains("Fn::Equals", "DeepAlertTaskTopicArn");

    List<Map<?, ?>> conditional = new java.util.ArrayList<>();
    for (Object policy : (List<?>) map(resources, "ServerRole", "Properties").get("Policies")) {
      Map<?, ?> document = (Map<?, ?>) ((Map<?, ?>) policy).get("PolicyDocument");
      for (Object statement : (List<?>) document.get("Statement")) {
        Map<?, ?> entry = (Map<?, ?>) statement;
        if (entry.containsKey("Fn::If")) {
          List<?> branches = (List<?>) entry.get("Fn::If");
          assertThat(branches.get(0)).isEqualTo("UsesDeepAlert");
          assertThat(branches.get(2)).isEqualTo(Map.of("Ref", "AWS::NoValue"));
          conditional.add((Map<?, ?>) branches.get(1));
        }
      }
    }
    // The inspector publishes tasks; its collector receives the answers and deletes them (in batches,
    // which IAM authorises as DeleteMessage).
    assertThat(conditional).extracting(statement -> (Object) statement.get("Sid"))
        .containsExactlyInAnyOrder("DeepAlertTasks", "DeepAlertAnswers");
    assertThat(conditional).filteredOn(statement -> "DeepAlertTasks".equals(statement.get("Sid"))).singleElement()
        .satisfies(statement -> {
          assertThat(statement.get("Action")).isEqualTo("sns:Publish");
          assertThat(statement.get("Resource")).isEqualTo(List.of(Map.of("Ref", "DeepAlertTaskTopicArn")));
        });
    assertThat(conditional).filteredOn(statement -> "DeepAlertAnswers".equals(statement.get("Sid"))).singleElement()
        .satisfies(statement -> {
          assertThat(statement.get("Action")).isEqualTo(List.of("sqs:ReceiveMessage", "sqs:DeleteMessage"));
          assertThat(statement.get("Resource")).isEqualTo(List.of(Map.of("Ref", "DeepAlertFindingQueueArn"),
              Map.of("Ref", "DeepAlertAttributeQueueArn")));
        });
  }

  private Map<String, Object> containerDefinition() {
    List<?> containers = (List<?>) map(resources, "TaskDefinition", "Properties").get("ContainerDefinitions");
    @SuppressWarnings("unchecked")
    Map<String, Object> container = (Map<String, Object>) containers.get(0);
    return container;
  }

  private String queueName(String resource) {
    return resolve(map(resources, resource, "Properties").get("QueueName"));
  }

  private String queueUrl(String resource) {
    return "https://sqs." + REGION + ".amazonaws.com/" + ACCOUNT + "/" + queueName(resource);
  }

  private String queueArn(String resource) {
    return "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + queueName(resource);
  }

  /** The value CloudFormation would give: Ref, Fn::Sub and Fn::GetAtt of this template's own resources. */
  private String resolve(Object value) {
    if (value instanceof String text) {
      return text;
    }
    Map<?, ?> function = (Map<?, ?>) value;
    if (function.containsKey("Ref")) {
      String target = (String) function.get("Ref");
      return switch (target) {
        case "Name" -> name;
        case "AWS::Region" -> REGION;
        case "Table" -> resolve(map(resources, "Table", "Properties").get("TableName"));
        case "ReportsTopic" -> "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":"
            + resolve(map(resources, "ReportsTopic", "Properties").get("TopicName"));
        default -> queueUrl(target);
      };
    }
    if (function.containsKey("Fn::Sub")) {
      return ((String) function.get("Fn::Sub")).replace("${Name}", name).replace("${AWS::Region}", REGION)
          .replace("${AWS::AccountId}", ACCOUNT).replace("${AWS::Partition}", "aws");
    }
    if (function.containsKey("Fn::GetAtt")) {
      List<?> target = (List<?>) function.get("Fn::GetAtt");
      return queueArn((String) target.get(0));
    }
    throw new AssertionError("cannot resolve " + value);
  }

  private static List<String> keys(Object schema) {
    return ((List<?>) schema).stream().map(k -> ((Map<?, ?>) k).get("AttributeName") + " " + ((Map<?, ?>) k).get("KeyType"))
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> from, String... path) {
    Map<String, Object> current = from;
    for (String key : path) {
      current = (Map<String, Object>) current.get(key);
      assertThat(current).as("template key " + key).isNotNull();
    }
    return current;
  }
}
