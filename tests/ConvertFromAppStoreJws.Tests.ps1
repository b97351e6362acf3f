# ConvertFrom-AppStoreJws: decoding a compact JWS without verifying it. Its handling of every malformation is also
# fuzzed with the mutated tokens of TestAppStoreJws.Tests.ps1, and its input forms are in RealOpsInput.Tests.ps1.

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:cmdlet = Get-CmdletTypeName ConvertFrom-AppStoreJws
}

Describe 'ConvertFrom-AppStoreJws' {
    It 'ConvertFrom-AppStoreJws reports JwsBadJson for a lone surrogate escape' {
        { ConvertFrom-AppStoreJws 'eyJhbGciOiJcdUQ4MDAifQ.e30.AA' -ErrorAction Stop } | Should -Throw -ErrorId "JwsBadJson,$cmdlet"
    }
}
