using System;
using System.Collections;
using System.Collections.Generic;

namespace AppStoreJws.ServerApi.Client
{
    /// <summary>
    /// Walks Apple's paged answers: asks for a page, hands it over, and asks for the next with the cursor the page
    /// named (revision or paginationToken) while hasMore is true. Lazy, so a caller that has what it wants
    /// (-First) stops asking. A page that says hasMore without a new cursor ends the walk with an error rather
    /// than asking for the same page for ever.
    /// </summary>
    internal static class ServerApiPager
    {
        public static IEnumerable<ServerApiPage> Pages(Func<string?, ServerApiRequest> requestFor, Func<ServerApiRequest, ServerApiResponse> send, string cursorMember)
        {
            string? cursor = null;
            for (int number = 1; ; number++)
            {
                ServerApiRequest request = requestFor(cursor);
                ServerApiResponse response = send(request);
                IDictionary members = ServerApiAnswer.Object(request, response);
                bool hasMore = members["hasMore"] is bool more && more;
                string? next = members[cursorMember] as string;
                yield return new ServerApiPage(number, members, hasMore);
                if (!hasMore)
                {
                    yield break;
                }

                if (string.IsNullOrEmpty(next) || next == cursor)
                {
                    throw ServerApiAnswer.Malformed(request, $"page {number} says hasMore but names no new {cursorMember}");
                }

                cursor = next;
            }
        }
    }

    /// <summary>One page of a paged answer.</summary>
    internal sealed class ServerApiPage
    {
        public ServerApiPage(int number, IDictionary members, bool hasMore)
        {
            Number = number;
            Members = members;
            HasMore = hasMore;
        }

        /// <summary>1 for the first page.</summary>
        public int Number { get; }

        public IDictionary Members { get; }

        public bool HasMore { get; }
    }

    /// <summary>Reads the members of a successful answer, and names an answer that lacks what the endpoint promises.</summary>
    internal static class ServerApiAnswer
    {
        /// <summary>The body as a JSON object, or a MalformedServerApiResponse error.</summary>
        public static IDictionary Object(ServerApiRequest request, ServerApiResponse response)
        {
            try
            {
                if (Json.PlainObjectJson.Read(response.Body) is IDictionary members)
                {
                    return members;
                }
            }
            catch (Exception e) when (e is System.Text.Json.JsonException || e is FormatException)
            {
                // Reported below, with what was expected.
            }

            throw Malformed(request, "the answer is not a JSON object");
        }

        /// <summary>A string member the endpoint always sends, or a MalformedServerApiResponse error.</summary>
        public static string RequiredString(ServerApiRequest request, IDictionary members, string name) =>
            members[name] as string ?? throw Malformed(request, $"the answer has no {name} string");

        /// <summary>The strings of an array member (none when it is absent), or a MalformedServerApiResponse error for other values.</summary>
        public static IList<string> Strings(ServerApiRequest request, IDictionary members, string name)
        {
            List<string> values = new List<string>();
            if (members[name] == null)
            {
                return values;
            }

            if (!(members[name] is IList items))
            {
                throw Malformed(request, $"{name} is not an array");
            }

            foreach (object? item in items)
            {
                values.Add(item as string ?? throw Malformed(request, $"{name} holds something other than strings"));
            }

            return values;
        }

        /// <summary>The objects of an array member (none when it is absent).</summary>
        public static IList<IDictionary> Objects(ServerApiRequest request, IDictionary members, string name)
        {
            List<IDictionary> values = new List<IDictionary>();
            if (members[name] is IList items)
            {
                foreach (object? item in items)
                {
                    values.Add(item as IDictionary ?? throw Malformed(request, $"{name} holds something other than objects"));
                }
            }
            else if (members[name] != null)
            {
                throw Malformed(request, $"{name} is not an array");
            }

            return values;
        }

        public static AppStoreServerApiException Malformed(ServerApiRequest request, string problem) =>
            new AppStoreServerApiException("MalformedServerApiResponse", 200, null, null,
                $"{request.Method} {request.Path}: {problem}; expected the documented shape of Apple's answer.");
    }
}
