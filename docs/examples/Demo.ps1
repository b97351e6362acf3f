<#
.SYNOPSIS
    The module's main job, end to end: make a throwaway key, sign a promotional offer with it, show the
    decoded token and check its signature. Run by: dotnet pwsh -NoProfile -File build.ps1 -Task Demo
#>
param([Parameter(Mandatory)] [string] $ModulePath)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

# A throwaway P-256 key in App Store Connect's AuthKey_<KEYID>.p8 form: never valid at Apple.
# A fresh, unguessable folder of its own: New-Item without -Force fails if the name exists (a planted folder or link).
$folder = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) "appstorejws-demo-$([guid]::NewGuid())")
try {
    $key = New-AppStoreTestKey -Folder $folder -IssuerId 57246542-96fe-1a63-e053-0824d011072a -BundleId com.example.app
    $key | Format-List KeyId, IssuerId, BundleId, Curve, Thumbprint, Source

    $offer = New-PromotionalOfferJws -Key $key -ProductId com.example.premium.monthly -OfferIdentifier WINBACK50 -TransactionId 2000000123456789
    Write-Host "Compact JWS (what the app passes to StoreKit):"
    Write-Host $offer.Token
    Write-Host ''

    $decoded = $offer | ConvertFrom-AppStoreJws
    Write-Host "Header:  $($decoded.HeaderJson)"
    Write-Host "Payload: $($decoded.PayloadJson)"

    # Verified with .NET's own ECDsa and the key's public half, not with the module's code.
    $ecdsa = [System.Security.Cryptography.ECDsa]::Create()
    $ecdsa.ImportFromPem($key.PublicKeyPem)
    $parts = $offer.Token.Split('.')
    $signature = [Convert]::FromBase64String($parts[2].Replace('-', '+').Replace('_', '/').PadRight(88, '='))
    $verified = $ecdsa.VerifyData([Text.Encoding]::ASCII.GetBytes($parts[0] + '.' + $parts[1]), $signature,
        [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.DSASignatureFormat]::IeeeP1363FixedFieldConcatenation)
    Write-Host "Signature ($($signature.Length) bytes, r||s) verifies with the public key: $verified"

    # The module's own doctor: every check of the token against Apple's wire format.
    $report = $offer | Test-AppStoreJws -Key $key
    $report.Checks | Format-Table Result, Name, Message -AutoSize -Wrap | Out-Host
    if (-not ($verified -and $report.IsValid)) { exit 1 }
}
finally {
    Remove-Item -LiteralPath $folder.FullName -Recurse -Force
}
