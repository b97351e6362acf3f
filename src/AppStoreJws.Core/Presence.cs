namespace AppStoreJws
{
    /// <summary>
    /// Whether a member of a JSON object (a claim of a token, a field of an Advanced Commerce request) must, may or
    /// must not be there. In the root namespace because both the request model and the claim profiles read it.
    /// </summary>
    internal enum Presence
    {
        Required,
        Optional,
        Forbidden,
    }
}
