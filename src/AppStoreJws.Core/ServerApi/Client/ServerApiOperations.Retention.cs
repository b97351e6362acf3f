using System;
using System.Collections.Generic;
using System.Collections.Specialized;
using AppStoreJws.Json;
using AppStoreJws.ServerApi.Retention;

namespace AppStoreJws.ServerApi.Client
{
    /// <summary>
    /// Finish Transaction and the Retention Messaging API's images and messages, as Apple's libraries send them.
    /// Image and message identifiers go on the wire in lowercase: Apple's documentation requires it.
    /// </summary>
    internal static partial class ServerApiOperations
    {
        /// <summary>Finish Transaction: marks a consumable purchase as delivered, with no body.</summary>
        public static ServerApiRequest FinishTransaction(string transactionId) =>
            new ServerApiRequest("POST", "/inApps/v1/transactions/" + ServerApiRequest.TransactionSegment(transactionId) + "/finish");

        /// <summary>Upload Image: the PNG's bytes as image/png; imageSize (FULL_SIZE, BULLET_POINT) only when given, as Apple's client does.</summary>
        public static ServerApiRequest UploadImage(Guid imageIdentifier, byte[] png, string? imageSize) =>
            new ServerApiRequest("PUT", "/inApps/v1/messaging/image/" + Identifier(imageIdentifier))
            {
                BodyBytes = png,
                BodyContentType = "image/png",
            }.AddQuery("imageSize", imageSize);

        public static ServerApiRequest DeleteImage(Guid imageIdentifier) =>
            new ServerApiRequest("DELETE", "/inApps/v1/messaging/image/" + Identifier(imageIdentifier));

        public static ServerApiRequest ImageList() => new ServerApiRequest("GET", "/inApps/v1/messaging/image/list");

        /// <summary>Upload Message: the UploadMessageRequestBody, members in the order of Apple's model.</summary>
        public static ServerApiRequest UploadMessage(Guid messageIdentifier, RetentionMessageContent message)
        {
            OrderedDictionary body = new OrderedDictionary(StringComparer.Ordinal)
            {
                ["header"] = message.Header,
                ["body"] = message.Body,
            };
            if (message.ImageIdentifier.HasValue)
            {
                body["image"] = new OrderedDictionary(StringComparer.Ordinal)
                {
                    ["imageIdentifier"] = Identifier(message.ImageIdentifier.Value),
                    ["altText"] = message.AltText ?? "",
                };
            }

            if (message.HeaderPosition != null)
            {
                body["headerPosition"] = message.HeaderPosition;
            }

            if (message.BulletPoints.Count > 0)
            {
                List<object> points = new List<object>();
                foreach (RetentionBulletPoint point in message.BulletPoints)
                {
                    points.Add(new OrderedDictionary(StringComparer.Ordinal)
                    {
                        ["text"] = point.Text,
                        ["imageIdentifier"] = Identifier(point.ImageIdentifier),
                        ["altText"] = point.AltText,
                    });
                }

                body["bulletPoints"] = points;
            }

            return new ServerApiRequest("PUT", "/inApps/v1/messaging/message/" + Identifier(messageIdentifier))
            {
                BodyJson = PlainObjectJson.Write(body),
            };
        }

        public static ServerApiRequest DeleteMessage(Guid messageIdentifier) =>
            new ServerApiRequest("DELETE", "/inApps/v1/messaging/message/" + Identifier(messageIdentifier));

        public static ServerApiRequest MessageList() => new ServerApiRequest("GET", "/inApps/v1/messaging/message/list");

        /// <summary>A UUID as Apple's Retention Messaging documentation requires it: lowercase, with hyphens.</summary>
        public static string Identifier(Guid identifier) => identifier.ToString("D");
    }
}
