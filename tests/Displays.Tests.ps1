# How the module's objects look once they leave a cmdlet: times on the token objects are DateTimeOffset in
# scripts and ISO 8601 in UTC when Export-Csv or ConvertTo-Csv turns them into text, whatever
# the culture of the session, so a CSV written on one machine reads back on another.
BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:key = Get-AppStoreKey -Content (New-TestKeyPem) -KeyId ABCDE12345 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:isoUtc = '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$'
}

Describe 'Times on token objects' {
    BeforeAll {
        $script:tokens = @(
            New-PromotionalOfferJws -Key $key -ProductId com.example.monthly -OfferIdentifier WINBACK
            New-IntroEligibilityJws -Key $key -ProductId com.example.monthly -TransactionId 2000000123456789 -AllowIntroductoryOffer $true
            New-AppStoreServerApiToken -Key $key
        )
        $script:savedCulture = [cultureinfo]::CurrentCulture
    }
    AfterEach { [cultureinfo]::CurrentCulture = $savedCulture }

    It 'Export-Csv writes <Culture> times in ISO 8601 UTC' -ForEach @(@{ Culture = 'de-DE' }, @{ Culture = 'en-US' }, @{ Culture = 'ar-SA' }, @{ Culture = 'th-TH' }) {
        [cultureinfo]::CurrentCulture = $Culture
        foreach ($token in $tokens) {
            $row = $token | ConvertTo-Csv | ConvertFrom-Csv
            $row.IssuedAt | Should -Match $isoUtc
            ([DateTimeOffset]::Parse($row.IssuedAt, [cultureinfo]::InvariantCulture)) | Should -Be $token.IssuedAt
            if ($token.PSObject.Properties['ExpiresAt']) { $row.ExpiresAt | Should -Match $isoUtc }
        }
    }

    It 'stays a DateTimeOffset for scripts' {
        foreach ($token in $tokens) {
            $token.IssuedAt | Should -BeOfType [DateTimeOffset]
            $token.IssuedAt -le [DateTimeOffset]::UtcNow.AddSeconds(1) | Should -BeTrue
            $token.IssuedAt.AddMinutes(5) | Should -BeOfType [DateTimeOffset]
        }
        $tokens[2].ExpiresAt - $tokens[2].IssuedAt | Should -Be $tokens[2].Lifetime
    }

    It 'ConvertTo-Json still writes the round-trip form' {
        ($tokens[0] | ConvertTo-Json -Depth 1 | ConvertFrom-Json -DateKind String).IssuedAt | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d'
    }
}
