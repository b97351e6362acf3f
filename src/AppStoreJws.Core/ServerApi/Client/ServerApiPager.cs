using System;
using System.Collections;
using System.Collections.Generic;
using AppStoreJws.Errors;

namespace AppStoreJws.ServerApi.Client
{
    /// <summary>
    /// Walks Apple's paged answers: asks for a page, hands it over, and asks for the next with the cursor the page
    /// named (revision or paginationToken) while hasMore is true. Lazy, so a caller that has what it wants
    /// (-First) stops asking. A page that says hasMore without a new cursor ends the walk with an error rather
    /// than asking for the same page for ever; so does a cursor seen before (two cursors in turn), and a walk longer
    /// than <see cref="MaximumPages"/>.
    /// </summary>
    internal static class ServerApiPager
    {
        /// <summary>
        /// The most pages one walk asks for: 10,000 pages of Apple's 20 transactions is 200,000 purchases by one
        /// customer, which no real history reaches; a server that keeps naming new cursors is stopped there.
        /// </summary>
        public const int MaximumPages = 10_000;

        public static IEnumerable<ServerApiPage> Pages(Func<string?, ServerApiRequest> requestFor, Func<ServerApiRequest, ServerApiResponse> send, string cursorMember, string? itemsMember = null)
        {
            string? cursor = null;
            HashSet<string> seen = new HashSet<string>(StringComparer.Ordinal);
            for (int number = 1; ; number++)
            {
                ServerApiRequest request = requestFor(cursor);
                ServerApiResponse response = send(request);
                IDictionary members = ServerApiAnswer.Object(request, response);
                if (!(members["hasMore"] is bool hasMore))
                {
                    // Apple always says whether more pages follow; an answer without it is not a page (an empty one would hide the history).
                    if (itemsMember != null && members[itemsMember] is IList)
                    {
                        hasMore = false;
                    }
                    else
                    {
                        throw ServerApiAnswer.Malformed(request, $"the answer has neither hasMore nor a {itemsMember} array");
                    }
                }

                string? next = members[cursorMember] as string;
                yield return new ServerApiPage(number, members, hasMore);
                if (!hasMore)
                {
                    yield break;
                }

                if (string.IsNullOrEmpty(next) || next == cursor || !seen.Add(next!))
                {
                    throw ServerApiAnswer.Malformed(request, $"page {number} says hasMore but names no new {cursorMember} (a cursor seen before would ask the same pages again)");
                }

                if (number >= MaximumPages)
                {
                    throw ServerApiAnswer.Malformed(request, $"after {MaximumPages} pages the answer still says hasMore; no real history is that long, so the walk stops here");
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
            catch (Exception e) when (IsUnreadable(e))
            {
                throw Malformed(request, "the answer is not JSON this module can read (" + ServerApiFailures.Untrusted(e.Message, 120) + ")");
            }

            throw Malformed(request, "the answer is not a JSON object");
        }

        /// <summary>The failures of reading a server's JSON that mean "not the expected answer" (bad text, too many values, odd names).</summary>
        public static bool IsUnreadable(Exception e) =>
            e is System.Text.Json.JsonException || e is FormatException || e is AppStoreJwsException || e is ArgumentException || e is InvalidOperationException;

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
            new AppStoreServerApiException(ErrorIds.MalformedServerApiResponse, 200, null, null,
                $"{request.Method} {request.Path}: {problem}; expected the documented shape of Apple's answer.");
    }
}
