"""Drives the emulator with boto3, as a Python user would, and prints what it saw as JSON."""
import json
import sys

import boto3

endpoint = sys.argv[1]
session = boto3.session.Session(aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret", region_name="eu-west-1")
db = session.client("dynamodb", endpoint_url=endpoint)
streams = session.client("dynamodbstreams", endpoint_url=endpoint)

table = db.create_table(
    TableName="py-orders",
    KeySchema=[{"AttributeName": "orderid", "KeyType": "HASH"}],
    AttributeDefinitions=[{"AttributeName": "orderid", "AttributeType": "S"}],
    BillingMode="PAY_PER_REQUEST",
    StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
)["TableDescription"]
db.put_item(TableName="py-orders", Item={"orderid": {"S": "1"}, "price": {"N": "249.99"}})
db.update_item(TableName="py-orders", Key={"orderid": {"S": "1"}}, UpdateExpression="SET price = :p",
               ExpressionAttributeValues={":p": {"N": "199.99"}})
item = db.get_item(TableName="py-orders", Key={"orderid": {"S": "1"}})["Item"]
arn = table["LatestStreamArn"]
shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
records = streams.get_records(ShardIterator=iterator)["Records"]
try:
    db.put_item(TableName="py-orders", Item={"orderid": {"S": "1"}}, ConditionExpression="attribute_not_exists(orderid)")
    conditional = "succeeded"
except db.exceptions.ConditionalCheckFailedException:
    conditional = "ConditionalCheckFailedException"
print(json.dumps({
    "region": arn.split(":")[3],
    "price": item["price"]["N"],
    "events": [r["eventName"] for r in records],
    "old_price": records[1]["dynamodb"]["OldImage"]["price"]["N"],
    "conditional": conditional,
}))
