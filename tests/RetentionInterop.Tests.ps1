# The module and Apple's Node client (@apple/app-store-server-library 3.1.0) send the same requests for Finish
# Transaction and the Retention Messaging images and messages: method, path, query, content type and body (the
# image's bytes; JSON compared as values, members in any order). Apple's side is recorded by
# tests/interop/apple-client-requests.mjs, the module's by the test server (tests/interop/server-api.mjs).

BeforeAll {
    Import-Module $env:APPSTOREJWS_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'AppleClientRequests.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestPng.psm1') -Force
    $script:pem = New-TestKeyPem
    $script:key = Get-AppStoreKey -Content $pem -KeyId 2X9R4HXF34 -IssuerId (Get-TestIssuerId) -BundleId com.example.app
    $script:server = Start-TestServerApi -PublicKeyPem $key.PublicKeyPem
    $script:read = @{ Key = $key; BaseUri = $server.BaseUri }
    $script:api = $read + @{ Confirm = $false; ErrorAction = 'SilentlyContinue' }
    $script:folder = New-TestFolder
    $script:png = New-TestPngFile -LiteralPath (Join-Path $folder 'banner.png') -Width 3840 -Height 200
    $script:pngBytes = [IO.File]::ReadAllBytes($png)
    $script:bulletPng = New-TestPngFile -LiteralPath (Join-Path $folder 'bullet.png') -Width 96 -Height 96
    $script:bulletBytes = [IO.File]::ReadAllBytes($bulletPng)
}

AfterAll {
    Stop-TestServerApi $server
    Remove-TestFolder $folder
}

Describe 'Requests: the module and Apple''s Node client' {
    It 'for <Name>' -ForEach @(
        @{ Name = 'Finish Transaction'; Ours = { Complete-AppStoreTransaction @api -TransactionId 2000000000000401 }; Apple = @(@{ method = 'finishTransaction'; args = @('2000000000000401') }) }
        @{
            Name  = 'Upload Image, full size'
            Ours  = { Set-AppStoreRetentionImage @api -ImageIdentifier 'A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C01' -LiteralPath $png -ImageSize FullSize }
            Apple = @(@{ method = 'uploadImage'; args = @('a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c01', 'png', 'FULL_SIZE') })
        }
        @{
            Name  = 'Upload Image, bullet point'
            Ours  = { Set-AppStoreRetentionImage @api -ImageIdentifier 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c02' -LiteralPath $bulletPng -ImageSize BulletPoint }
            Apple = @(@{ method = 'uploadImage'; args = @('a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c02', 'bullet', 'BULLET_POINT') })
        }
        @{
            Name  = 'Upload Image, no size given'
            Ours  = { Set-AppStoreRetentionImage @api -ImageIdentifier 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c03' -LiteralPath $png }
            Apple = @(@{ method = 'uploadImage'; args = @('a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c03', 'png') })
        }
        @{
            Name  = 'Upload Image through Invoke-AppStoreServerApi -InFile'
            Ours  = { Invoke-AppStoreServerApi PUT /inApps/v1/messaging/image/a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c04 @api -InFile $png -Query @{ imageSize = 'FULL_SIZE' } }
            Apple = @(@{ method = 'uploadImage'; args = @('a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c04', 'png', 'FULL_SIZE') })
        }
        @{ Name = 'Delete Image'; Ours = { Remove-AppStoreRetentionImage @api -ImageIdentifier 'A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C05' }; Apple = @(@{ method = 'deleteImage'; args = @('a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c05') }) }
        @{ Name = 'Get Image List'; Ours = { Get-AppStoreRetentionImage @read }; Apple = @(@{ method = 'getImageList' }) }
        @{
            Name  = 'Upload Message, header and body'
            Ours  = { Set-AppStoreRetentionMessage @api -MessageIdentifier 'B1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C01' -Header 'Before you go' -Body 'Keep your streak: 50% off for three months.' }
            Apple = @(@{ method = 'uploadMessage'; args = @('b1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c01', [ordered]@{ header = 'Before you go'; body = 'Keep your streak: 50% off for three months.' }) })
        }
        @{
            Name  = 'Upload Message, image, header position and bullet points'
            Ours  = {
                Set-AppStoreRetentionMessage @api -MessageIdentifier 'b1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c02' -Header 'Stay a while' -Body 'Your plan, your pace — ünïcödé 🔥' `
                    -ImageIdentifier 'A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C01' -AltText 'A flame' -HeaderPosition AboveImage -BulletPoint @(
                    @{ text = 'Offline lessons'; imageIdentifier = 'A1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C02'; altText = 'A cloud' }
                    @{ text = 'No ads'; imageIdentifier = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c02'; altText = 'A crossed-out sign' })
            }
            Apple = @(@{ method = 'uploadMessage'; args = @('b1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c02', [ordered]@{
                            header = 'Stay a while'; body = 'Your plan, your pace — ünïcödé 🔥'; image = [ordered]@{ imageIdentifier = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c01'; altText = 'A flame' }
                            headerPosition = 'ABOVE_IMAGE'; bulletPoints = @(
                                [ordered]@{ text = 'Offline lessons'; imageIdentifier = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c02'; altText = 'A cloud' }
                                [ordered]@{ text = 'No ads'; imageIdentifier = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c02'; altText = 'A crossed-out sign' })
                        }) })
        }
        @{ Name = 'Delete Message'; Ours = { Remove-AppStoreRetentionMessage @api -MessageIdentifier 'B1B2C3D4-E5F6-4A7B-8C9D-0E1F2A3B4C09' }; Apple = @(@{ method = 'deleteMessage'; args = @('b1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c09') }) }
        @{ Name = 'Get Message List'; Ours = { Get-AppStoreRetentionMessage @read }; Apple = @(@{ method = 'getMessageList' }) }
    ) {
        # 'png' and 'bullet' stand for the image files' bytes, which exist only once BeforeAll has run.
        $calls = foreach ($call in $Apple) {
            @{ method = $call.method; args = @(foreach ($argument in @($call.args)) { if ($argument -eq 'png') { , $pngBytes } elseif ($argument -eq 'bullet') { , $bulletBytes } else { , $argument } }) }
        }
        $apple = @(Invoke-AppleClientRequests -Calls @($calls) | ConvertTo-ComparableRequest)
        $ours = @(Get-RecordedRequests -Server $server -Action $Ours | ConvertTo-ComparableRequest)
        $apple | Should -Not -BeNullOrEmpty
        $ours | Should -Be $apple
    }

    It 'sends the image''s bytes unchanged, byte for byte' {
        $ours = Get-RecordedRequests -Server $server -Action { Set-AppStoreRetentionImage @api -ImageIdentifier ([guid]::NewGuid()) -LiteralPath $png -ImageSize FullSize }
        [Convert]::FromBase64String($ours[0].bodyBase64) | Should -Be $pngBytes
    }
}
