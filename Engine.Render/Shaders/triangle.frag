#version 450
layout(location = 0) in vec3 inColor;
layout(location = 1) in vec2 inUv;
layout(location = 0) out vec4 outColor;

// The frame's transient uniform buffer tints the triangle, so the descriptor set is really read.
layout(set = 0, binding = 0) uniform FrameUniforms
{
    vec4 tint;
} frame;

// The newest streamed texture; the default one is transparent, so its alpha lets the vertex colours through.
layout(set = 0, binding = 1) uniform sampler2D streamed;

void main()
{
    vec4 texel = texture(streamed, inUv);
    outColor = vec4(mix(inColor, texel.rgb, texel.a) * frame.tint.rgb, 1.0);
}
