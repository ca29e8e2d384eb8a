/// The reference models, written in the language itself and loaded at start-up as blocks.
/// `show source resnet` prints them; `model r = resnet blocks=[2,2,2]` builds one.
/// Their parameter counts equal ../shared/reference/architectures.md (checked by the tests).
enum ZooSource {
    static let text = """
        block simplecnn(classes=10, channels=[16, 32], hidden=128, act=relu)
          # Two convolution and pooling stages and two linear layers: the classic small CNN
          # (LeCun et al. 1998 in spirit). 215,370 parameters on 28×28 grey images.
          conv channels[0] kernel=5 pad=2
          act
          maxpool 2
          conv channels[1] kernel=5 pad=2
          act
          maxpool 2
          flatten
          linear hidden
          act
          linear classes
        end

        block inception(red3, red5, out1, out3, out5, outpool, act=relu)
          # Inception block (Szegedy et al. 2014, arXiv:1409.4842): four branches on the same
          # input, concatenated on channels: 1×1; 1×1 then 3×3; 1×1 then 5×5; 3×3 max-pool then 1×1.
          concat
          branch
            conv out1 kernel=1
            batchnorm
            act
          branch
            conv red3 kernel=1
            batchnorm
            act
            conv out3 kernel=3 pad=1
            batchnorm
            act
          branch
            conv red5 kernel=1
            batchnorm
            act
            conv out5 kernel=5 pad=2
            batchnorm
            act
          branch
            maxpool 3 stride=1 pad=1
            conv outpool kernel=1
            batchnorm
            act
          end
        end

        block googlenet(classes=10, act=relu)
          # GoogLeNet for 32×32 input (Szegedy et al. 2014, arXiv:1409.4842), the small
          # teaching configuration: 260,650 parameters on colour images.
          conv 64 kernel=3 pad=1
          batchnorm
          act
          inception 32 16 16 32 8 8 act=act
          inception 32 16 24 48 12 12 act=act
          maxpool 3 stride=2 pad=1
          inception 32 16 24 48 12 12 act=act
          inception 32 16 16 48 16 16 act=act
          inception 32 16 16 48 16 16 act=act
          inception 32 16 32 48 24 24 act=act
          maxpool 3 stride=2 pad=1
          inception 48 16 32 64 16 16 act=act
          inception 48 16 32 64 16 16 act=act
          gap
          flatten
          linear classes
        end

        block resblock(c, subsample=false, act=relu)
          # Residual block (He et al. 2015, arXiv:1512.03385): conv-BN-act-conv-BN plus the input,
          # then the activation. When subsampling, stride 2 and a 1×1 stride-2 projection shortcut.
          residual
            conv c kernel=3 stride=if(subsample, 2, 1) pad=1 bias=false
            batchnorm
            act
            conv c kernel=3 pad=1 bias=false
            batchnorm
          shortcut
            if subsample
              conv c kernel=1 stride=2
            end
          end
          act
        end

        block resnet(classes=10, blocks=[3, 3, 3], channels=[16, 32, 64], act=relu)
          # ResNet for 32×32 input (He et al. 2015, arXiv:1512.03385); depth 20 with the defaults:
          # 272,378 parameters on colour images.
          conv channels[0] kernel=3 pad=1 bias=false
          batchnorm
          act
          repeat len(blocks) as g
            repeat blocks[g] as i
              resblock channels[g] subsample=(g > 0 and i == 0) act=act
            end
          end
          gap
          flatten
          linear classes
        end

        block preactblock(c, subsample=false, act=relu)
          # Pre-activation residual block (He et al. 2016, arXiv:1603.05027): BN-act-conv-BN-act-conv
          # plus the input, no activation after the sum; the projection shortcut is BN-act-1×1 conv.
          residual
            batchnorm
            act
            conv c kernel=3 stride=if(subsample, 2, 1) pad=1 bias=false
            batchnorm
            act
            conv c kernel=3 pad=1 bias=false
          shortcut
            if subsample
              batchnorm
              act
              conv c kernel=1 stride=2 bias=false
            end
          end
        end

        block preactresnet(classes=10, blocks=[3, 3, 3], channels=[16, 32, 64], act=relu)
          # Pre-activation ResNet (He et al. 2016, arXiv:1603.05027): 272,250 parameters on colour images.
          conv channels[0] kernel=3 pad=1 bias=false
          repeat len(blocks) as g
            repeat blocks[g] as i
              preactblock channels[g] subsample=(g > 0 and i == 0) act=act
            end
          end
          gap
          flatten
          linear classes
        end

        block denselayer(growth, bottleneck=2, act=relu)
          # Dense layer (Huang et al. 2016, arXiv:1608.06993): BN-act-1×1 conv to bottleneck·growth
          # channels, BN-act-3×3 conv to growth channels, concatenated before its own input.
          dense
            batchnorm
            act
            conv bottleneck * growth kernel=1 bias=false
            batchnorm
            act
            conv growth kernel=3 pad=1 bias=false
          end
        end

        block transition(act=relu)
          # Transition layer (Huang et al. 2016): BN-act-1×1 conv halving the channels, then 2×2
          # average pooling. in_channels is the number of channels arriving at the line.
          batchnorm
          act
          conv int(in_channels / 2) kernel=1 bias=false
          avgpool 2 stride=2
        end

        block densenet(classes=10, layers=[6, 6, 6, 6], growth=16, bottleneck=2, act=relu)
          # DenseNet for 32×32 input (Huang et al. 2016, arXiv:1608.06993): 239,146 parameters on colour images.
          conv growth * bottleneck kernel=3 pad=1
          repeat len(layers) as b
            repeat layers[b] as i
              denselayer growth bottleneck=bottleneck act=act
            end
            if b < len(layers) - 1
              transition act=act
            end
          end
          batchnorm
          act
          gap
          flatten
          linear classes
        end
        """
}
